"use client";

import { useActionState } from "react";
import { FormAlert } from "../../_components/form-alert";
import type { LessonFormState } from "../actions";

type LessonActionButtonProps = {
  action: (previous: LessonFormState, formData: FormData) => Promise<LessonFormState>;
  /** Sent as the form's `lessonId`; omitted for "New lesson". */
  lessonId?: string;
  label: string;
  /** The accessible name when the visible label alone is ambiguous in a list ("Copy Stacking layers"). */
  ariaLabel?: string;
  pendingLabel: string;
  /** Asked before a destructive action; cancelling sends nothing. */
  confirmText?: string;
  className?: string;
};

/** One lesson action (copy, new, delete) as a button in its own form, with its error shown beside it. */
export function LessonActionButton({
  action,
  lessonId,
  label,
  ariaLabel,
  pendingLabel,
  confirmText,
  className = "btn-secondary",
}: LessonActionButtonProps) {
  const [state, formAction, isPending] = useActionState(action, {});
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (confirmText && !window.confirm(confirmText)) event.preventDefault();
      }}
      className="inline-flex flex-col gap-1"
    >
      {lessonId ? <input type="hidden" name="lessonId" value={lessonId} /> : null}
      <button type="submit" className={className} disabled={isPending} aria-label={ariaLabel}>
        {isPending ? pendingLabel : label}
      </button>
      <FormAlert message={state.error} />
    </form>
  );
}
