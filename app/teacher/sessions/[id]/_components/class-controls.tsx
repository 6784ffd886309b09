"use client";

import { useState } from "react";
import type { SessionSettings } from "@/lib/classroom/settings";
import { type Ack, CLASS_CONTROL, type ClassControl, type ClassState } from "@/lib/protocol";
import { SettingsForm } from "./settings-form";

/** What the start button does, said beside it (the one startAll command reads differently in each state). */
export const START_HINT = {
  paused:
    "Resume all lifts the pause: paused runs continue from the step they stopped at; students without a run start one.",
  live: "Start all starts a run for every student who is not training (a finished run starts anew); running runs go on.",
} as const;

type ClassControlsProps = {
  classState: ClassState;
  isConnected: boolean;
  sendControl: (command: ClassControl) => Promise<Ack>;
};

/** Controls that act on the whole class. Each waits for the server's ack and shows a refusal. */
export function ClassControls({ classState, isConnected, sendControl }: ClassControlsProps) {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { isPaused, isJoinOpen, isEnded, isAnonymized, isApprovalRequired } = classState;
  const isLocked = !isConnected || isEnded || pending !== null;

  async function run(label: string, command: ClassControl, confirmText?: string): Promise<string | null> {
    if (confirmText && !window.confirm(confirmText)) return null;
    setPending(label);
    setError(null);
    const ack = await sendControl(command);
    setPending(null);
    const message = ack.ok ? null : `${label}: ${ack.error.message}`;
    setError(message);
    return message;
  }

  const button = "btn-secondary px-3 py-1.5";
  const startLabel = isPaused ? "Resume all" : "Start all";
  return (
    <section aria-labelledby="controls-heading" className="card space-y-3 p-4">
      <h2 id="controls-heading" className="sr-only">
        Class controls
      </h2>
      <div className="flex flex-wrap items-center gap-2">
        {/* One command (startAll) under the name that says what it does now: resume after a pause, else start. */}
        <button
          type="button"
          className="btn-primary px-3 py-1.5"
          disabled={isLocked}
          aria-describedby="start-hint"
          onClick={() => run(startLabel, { type: CLASS_CONTROL.startAll })}
        >
          <span aria-hidden="true" className="mr-1">
            ▶
          </span>
          {startLabel}
        </button>
        {isPaused ? null : (
          <button
            type="button"
            className={button}
            disabled={isLocked}
            onClick={() => run("Pause all", { type: CLASS_CONTROL.pauseAll })}
          >
            <span aria-hidden="true" className="mr-1">
              ❚❚
            </span>
            Pause all
          </button>
        )}
        <button
          type="button"
          className={button}
          disabled={isLocked}
          onClick={() =>
            run(
              "Reset all",
              { type: CLASS_CONTROL.resetAll },
              "Reset everyone? Every run restarts from the current settings.",
            )
          }
        >
          <span aria-hidden="true" className="mr-1">
            ↺
          </span>
          Reset all
        </button>
        <button
          type="button"
          className={button}
          disabled={isLocked}
          onClick={() =>
            run(isJoinOpen ? "Close joining" : "Reopen joining", {
              type: isJoinOpen ? CLASS_CONTROL.closeJoining : CLASS_CONTROL.openJoining,
            })
          }
        >
          {isJoinOpen ? "Close joining" : "Reopen joining"}
        </button>
        {/* Toggle buttons, not checkboxes: their state is the server's, which changes a tick later. */}
        <button
          type="button"
          className={button}
          aria-pressed={isApprovalRequired}
          disabled={isLocked}
          onClick={() =>
            run("Require approval", { type: CLASS_CONTROL.requireApproval, isRequired: !isApprovalRequired })
          }
        >
          <span aria-hidden="true" className="mr-1">
            {isApprovalRequired ? "☑" : "☐"}
          </span>
          Require approval of new joins
        </button>
        <button
          type="button"
          className={button}
          aria-pressed={isAnonymized}
          disabled={!isConnected || pending !== null}
          onClick={() => run("Anonymize", { type: CLASS_CONTROL.anonymize, isAnonymized: !isAnonymized })}
        >
          <span aria-hidden="true" className="mr-1">
            {isAnonymized ? "☑" : "☐"}
          </span>
          Anonymize names
        </button>
        <button
          type="button"
          className={button}
          aria-pressed={classState.settings.allowPointEdits}
          disabled={!isConnected || pending !== null || isEnded}
          onClick={() =>
            run("Adding points", { type: CLASS_CONTROL.pointEdits, isAllowed: !classState.settings.allowPointEdits })
          }
        >
          <span aria-hidden="true" className="mr-1">
            {classState.settings.allowPointEdits ? "☑" : "☐"}
          </span>
          Students may add points
        </button>
        <button
          type="button"
          className="btn-secondary ml-auto border-red-300 px-3 py-1.5 text-red-800 hover:bg-red-50"
          disabled={isLocked}
          onClick={() =>
            run(
              "End session",
              { type: CLASS_CONTROL.end },
              "End the session for everyone? Students cannot train or join afterwards.",
            )
          }
        >
          End session
        </button>
      </div>
      <p className="text-sm text-slate-700" aria-live="polite">
        {pending
          ? `${pending}…`
          : isEnded
            ? "Session ended: nobody can train or join any more."
            : `Training ${isPaused ? "paused for everyone" : "allowed"} · joining ${isJoinOpen ? "open" : "closed"}`}
      </p>
      <p id="start-hint" className="text-sm text-slate-600" data-testid="start-hint">
        {isPaused ? START_HINT.paused : START_HINT.live}
      </p>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-2 py-1 text-sm font-medium text-red-800">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <details className="rounded-lg border border-slate-200 p-3">
        <summary className="cursor-pointer font-semibold">Change dataset or defaults for everyone</summary>
        <div className="mt-3">
          <SettingsForm
            settings={classState.settings}
            isDisabled={isLocked}
            onApply={(settings: SessionSettings) =>
              run("Change settings", { type: CLASS_CONTROL.changeSettings, settings })
            }
          />
        </div>
      </details>
    </section>
  );
}
