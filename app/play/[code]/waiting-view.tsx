"use client";

import type { StudentWaiting } from "@/lib/protocol";

/**
 * Approval mode: what a student sees until the teacher decides. The page stays connected; it
 * enters the class by itself when admitted, and says so if denied (the socket's refusal).
 */
export function WaitingView({ waiting, isOffline }: { waiting: StudentWaiting; isOffline: boolean }) {
  return (
    <section aria-labelledby="waiting-title" className="card space-y-3" data-testid="waiting-view">
      <h1 id="waiting-title" className="text-2xl font-bold break-words">
        {waiting.title}
      </h1>
      <p role="status" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 font-medium text-amber-900">
        <span aria-hidden="true">⏳ </span>
        Waiting for your teacher to let you in as <strong>{waiting.nickname}</strong>…
        {isOffline ? " (offline: reconnecting…)" : ""}
      </p>
      <p className="text-slate-700">Keep this page open: the class opens here as soon as you are admitted.</p>
    </section>
  );
}
