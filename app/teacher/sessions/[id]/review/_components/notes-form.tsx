"use client";

import { useActionState } from "react";
import { type ReviewFormState, saveNotesAction } from "../actions";

/** Keep in step with NOTES_MAX_LENGTH (server/review/update-session-notes.ts), which is what is enforced. */
const NOTES_MAX_LENGTH = 20_000;

/** The teacher's notes on the session, saved by a server action. */
export function NotesForm({ sessionId, notes }: { sessionId: string; notes: string }) {
  const [state, action, isPending] = useActionState<ReviewFormState, FormData>(saveNotesAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="sessionId" value={sessionId} />
      <label className="block">
        <span className="field-label">Notes on this session</span>
        <textarea
          name="notes"
          className="field-input min-h-32"
          defaultValue={notes}
          maxLength={NOTES_MAX_LENGTH}
          aria-invalid={state.error ? true : undefined}
          aria-describedby="notes-status"
        />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-secondary" disabled={isPending}>
          {isPending ? "Saving…" : "Save notes"}
        </button>
        <p id="notes-status" role="status" className={state.error ? "field-error" : "text-sm text-slate-700"}>
          {state.error ?? (state.savedAt ? "Notes saved." : "")}
        </p>
      </div>
    </form>
  );
}
