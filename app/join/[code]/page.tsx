import type { Metadata } from "next";
import { normalizeJoinCode } from "@/lib/classroom/join-code";
import { JoinPanel } from "./join-panel";

export const metadata: Metadata = { title: "Join a class" };

/** The QR code's target: the code is filled in, the student picks a nickname. */
export default async function JoinByCodePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  // Only the form's own validation decides whether the code is valid; here it is just prefilled.
  const normalized = normalizeJoinCode(decodeURIComponent(code)).slice(0, 12);
  return (
    <section aria-labelledby="join-heading" className="card mx-auto max-w-md">
      <h1 id="join-heading" className="text-2xl font-bold">
        Join class <span className="font-mono tracking-widest">{normalized}</span>
      </h1>
      <p className="mt-1 text-slate-700">Pick a nickname. No account needed.</p>
      <div className="mt-4">
        <JoinPanel code={normalized} />
      </div>
    </section>
  );
}
