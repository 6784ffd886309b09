"use client";

import { useActionState, useState } from "react";
import { deleteSessionAction, type ReviewFormState } from "../actions";

/**
 * Deleting a session is permanent, so it takes two steps: open the form, then type the title.
 * A live session cannot be deleted (its room is still writing); the server says so too.
 */
export function DeleteSessionForm({ sessionId, title, isLive }: { sessionId: string; title: string; isLive: boolean }) {
  const [isOpen, setIsOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [state, action, isPending] = useActionState<ReviewFormState, FormData>(deleteSessionAction, {});
  if (isLive) return <p className="text-sm text-slate-700">End the session from its dashboard before deleting it.</p>;
  if (!isOpen) {
    return (
      <button type="button" className="btn-secondary border-red-300 text-red-800" onClick={() => setIsOpen(true)}>
        Delete this session…
      </button>
    );
  }
  return (
    <form action={action} className="space-y-2 rounded-xl border border-red-300 bg-red-50 p-4">
      <input type="hidden" name="sessionId" value={sessionId} />
      <p className="font-semibold text-red-900">
        This deletes every student, run, map and note of this session. It cannot be undone.
      </p>
      <label className="block">
        <span className="field-label">
          Type the title, <span className="font-mono">{title}</span>, to confirm
        </span>
        <input
          name="confirmTitle"
          className="field-input"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          aria-invalid={state.error ? true : undefined}
          aria-describedby="delete-status"
        />
      </label>
      <p id="delete-status" role="status" className="field-error">
        {state.error ?? ""}
      </p>
      <div className="flex gap-3">
        <button
          type="submit"
          className="btn-primary bg-red-800 hover:bg-red-700"
          disabled={isPending || typed.trim() !== title.trim()}
        >
          {isPending ? "Deleting…" : "Delete for good"}
        </button>
        <button type="button" className="btn-secondary" onClick={() => setIsOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
