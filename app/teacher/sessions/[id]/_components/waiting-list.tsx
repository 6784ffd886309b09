"use client";

import { useState } from "react";
import { type Ack, CLASS_CONTROL, type ClassControl, type ClassState } from "@/lib/protocol";

type WaitingListProps = {
  classState: ClassState;
  isConnected: boolean;
  sendControl: (command: ClassControl) => Promise<Ack>;
};

/**
 * Approval mode on the dashboard (Desmos-style; the "Require approval" toggle is with the class
 * controls): while it is on or anyone waits, the waiting list with Admit and Deny per student, Admit all and Deny all waiting. Names
 * are shown even when the class is anonymized: the teacher decides who gets in by them.
 */
export function WaitingList({ classState, isConnected, sendControl }: WaitingListProps) {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { isApprovalRequired, waiting, isEnded } = classState;
  const isLocked = !isConnected || isEnded || pending !== null;
  // Out of the way when unused: the tiles below draw only once scrolled into view.
  if (!isApprovalRequired && waiting.length === 0) return null;

  async function run(label: string, command: ClassControl, confirmText?: string): Promise<void> {
    if (confirmText && !window.confirm(confirmText)) return;
    setPending(label);
    const ack = await sendControl(command);
    setPending(null);
    setError(ack.ok ? null : `${label}: ${ack.error.message}`);
  }

  const button = "btn-secondary px-3 py-1.5";
  return (
    <section aria-labelledby="waiting-heading" className="card space-y-3 p-4" data-testid="waiting-list">
      <h2 id="waiting-heading" className="text-xl font-bold">
        Waiting to join <span className="font-mono">({waiting.length})</span>
      </h2>
      <p className="text-sm text-slate-700" aria-live="polite">
        {pending
          ? `${pending}…`
          : isApprovalRequired
            ? "New students wait here until you admit them."
            : "Approval is off: new students join straight in (except from a network you denied someone on)."}
      </p>
      {waiting.length > 0 && (
        <>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
            {waiting.map((student) => (
              <li key={student.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <span className="font-semibold break-all" data-testid="waiting-name">
                  {student.nickname}
                </span>
                <span className="flex gap-2">
                  <button
                    type="button"
                    className="btn-primary px-3 py-1"
                    disabled={isLocked}
                    aria-label={`Admit ${student.nickname}`}
                    onClick={() =>
                      run(`Admit ${student.nickname}`, { type: CLASS_CONTROL.admit, participantId: student.id })
                    }
                  >
                    Admit
                  </button>
                  <button
                    type="button"
                    className={`${button} py-1`}
                    disabled={isLocked}
                    aria-label={`Deny ${student.nickname}`}
                    onClick={() =>
                      run(`Deny ${student.nickname}`, { type: CLASS_CONTROL.deny, participantId: student.id })
                    }
                  >
                    Deny
                  </button>
                </span>
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={button}
              disabled={isLocked}
              onClick={() => run("Admit all", { type: CLASS_CONTROL.admitAllWaiting })}
            >
              Admit all
            </button>
            <button
              type="button"
              className={`${button} border-red-300 text-red-800 hover:bg-red-50`}
              disabled={isLocked}
              onClick={() =>
                run(
                  "Deny all waiting",
                  { type: CLASS_CONTROL.denyAllWaiting },
                  `Deny all ${waiting.length} waiting? Their joins from the same network will need your approval again.`,
                )
              }
            >
              Deny all waiting
            </button>
          </div>
        </>
      )}
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-2 py-1 text-sm font-medium text-red-800">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </section>
  );
}
