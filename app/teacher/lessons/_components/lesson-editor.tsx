"use client";

import Link from "next/link";
import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from "react";
import { defaultSessionSettings } from "@/lib/classroom";
import {
  LESSON_STEPS_MAX,
  LESSON_SUMMARY_MAX,
  LESSON_TITLE_MAX,
  type LessonContent,
  type LessonStep,
  STEP_KIND,
} from "@/lib/lessons";
import { FormAlert } from "../../_components/form-alert";
import { TextAreaField } from "../../_components/text-area-field";
import { TextField } from "../../_components/text-field";
import { cellActivity, stepFieldPrefix, TRAINING_ACTIVITY } from "../_lib/read-lesson-form";
import { type LessonFormState, saveLessonAction } from "../actions";
import { StepCard, stepControlId } from "./step-card";

/** A step card: its stable key (field names, React key), its initial values and its chosen activity. */
type Draft = { key: string; initial: LessonStep; activity: string };

const activityOf = (step: LessonStep) => (step.kind === STEP_KIND.cell ? cellActivity(step.cell) : TRAINING_ACTIVITY);

const newTrainingStep = (): LessonStep => ({
  kind: STEP_KIND.training,
  title: "",
  prompt: "",
  lookFor: "",
  discussion: "",
  settings: defaultSessionSettings(),
});
const newCellStep = (): LessonStep => ({
  kind: STEP_KIND.cell,
  cell: 1,
  title: "",
  prompt: "",
  lookFor: "",
  discussion: "",
});

/** The id of the input a saveLesson error path names ("steps.2.settings.defaults.hidden"), if it is on the page. */
function fieldIdForPath(path: string | undefined, drafts: readonly Draft[]): string | null {
  if (!path) return null;
  const parts = path.split(".");
  if (parts[0] !== "steps") return `field-${parts[0]}`;
  const draft = drafts[Number(parts[1])];
  if (!draft) return null;
  const last = parts.at(-1) ?? "title";
  const field = last === "targetAccuracy" ? "targetPercent" : last === "cell" || last === "kind" ? "activity" : last;
  const id = `field-${stepFieldPrefix(draft.key)}${field}`;
  return document.getElementById(id) ? id : stepControlId(draft.key, "title");
}

/**
 * The lesson editor: the lesson's title and summary, then one card per step, each moved with
 * its Up/Down buttons (keyboard focus follows the step, a live region says where it went), added
 * or removed; saved at once by Save. The inputs are uncontrolled and named per step, so a reorder
 * only reorders the cards.
 */
export function LessonEditor({ lessonId, content }: { lessonId: string; content: LessonContent }) {
  const nextKey = useRef(content.steps.length);
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    content.steps.map((step, i) => ({ key: `k${i}`, initial: step, activity: activityOf(step) })),
  );
  const [announcement, setAnnouncement] = useState("");
  const [focusId, setFocusId] = useState<string | null>(null);
  const [state, dispatch, isPending] = useActionState<LessonFormState, FormData>(
    saveLessonAction.bind(null, lessonId),
    {},
  );

  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);
  // After a refused save, put the cursor in the field the error names.
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;
  useEffect(() => {
    const id = fieldIdForPath(state.field, draftsRef.current);
    if (id) document.getElementById(id)?.focus();
  }, [state]);

  const move = (index: number, offset: -1 | 1) => {
    const target = index + offset;
    const moved = drafts[index];
    if (!moved || target < 0 || target >= drafts.length) return;
    const next = [...drafts];
    next.splice(index, 1);
    next.splice(target, 0, moved);
    setDrafts(next);
    // Keep focus on the moved step; at an end its button is disabled, so take the other one.
    const isAtEnd = target === 0 || target === next.length - 1;
    const control = offset === -1 ? (target === 0 ? "down" : "up") : target === next.length - 1 ? "up" : "down";
    setFocusId(stepControlId(moved.key, isAtEnd ? control : offset === -1 ? "up" : "down"));
    setAnnouncement(`Step moved to position ${target + 1} of ${next.length}.`);
  };
  const remove = (index: number) => {
    const next = drafts.filter((_, i) => i !== index);
    setDrafts(next);
    const neighbour = next[Math.min(index, next.length - 1)];
    if (neighbour) setFocusId(stepControlId(neighbour.key, "title"));
    setAnnouncement(`Step ${index + 1} removed. ${next.length} steps left.`);
  };
  const add = (step: LessonStep) => {
    const key = `n${nextKey.current++}`;
    setDrafts([...drafts, { key, initial: step, activity: activityOf(step) }]);
    setFocusId(stepControlId(key, "title"));
    setAnnouncement(`Step ${drafts.length + 1} added.`);
  };
  const setActivity = (key: string, activity: string) =>
    setDrafts(drafts.map((draft) => (draft.key === key ? { ...draft, activity } : draft)));

  // Dispatched by hand: a form action would reset every uncontrolled input after the save.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };

  const isFull = drafts.length >= LESSON_STEPS_MAX;
  return (
    <form onSubmit={submit} className="space-y-6" aria-label="Edit lesson" noValidate>
      <FormAlert message={state.error} />
      <div className="card space-y-4">
        <TextField
          name="title"
          label="Lesson title"
          required
          maxLength={LESSON_TITLE_MAX}
          defaultValue={content.title}
        />
        <TextAreaField
          name="summary"
          label="Summary"
          maxLength={LESSON_SUMMARY_MAX}
          defaultValue={content.summary}
          rows={2}
        />
      </div>
      <p aria-live="polite" className="sr-only" data-testid="editor-announcement">
        {announcement}
      </p>
      <ol className="space-y-4">
        {drafts.map((draft, index) => (
          <li key={draft.key}>
            <StepCard
              stepKey={draft.key}
              initial={draft.initial}
              index={index}
              count={drafts.length}
              activity={draft.activity}
              onActivity={(activity) => setActivity(draft.key, activity)}
              onMove={(offset) => move(index, offset)}
              onRemove={() => remove(index)}
            />
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3">
        <button type="button" className="btn-secondary" disabled={isFull} onClick={() => add(newTrainingStep())}>
          Add a training step
        </button>
        <button type="button" className="btn-secondary" disabled={isFull} onClick={() => add(newCellStep())}>
          Add a cell step
        </button>
        {isFull ? <p className="text-sm text-slate-700">A lesson has at most {LESSON_STEPS_MAX} steps.</p> : null}
      </div>
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <button type="submit" className="btn-primary" disabled={isPending}>
          {isPending ? "Saving…" : "Save lesson"}
        </button>
        <Link href={`/teacher/lessons/${lessonId}`} className="btn-secondary">
          View lesson
        </Link>
        <p role="status" className="text-sm text-slate-700" data-testid="save-status">
          {state.savedAt && !isPending
            ? `Saved at ${new Date(state.savedAt).toLocaleTimeString("en")}. The next class you launch uses it.`
            : ""}
        </p>
      </div>
    </form>
  );
}
