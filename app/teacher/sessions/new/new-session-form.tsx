"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import type { SessionSettings } from "@/lib/classroom";
import { FormAlert } from "../../_components/form-alert";
import { SettingsFields } from "../../_components/settings-fields";
import { TextField } from "../../_components/text-field";
import { createSessionAction, type NewSessionState } from "../actions";
import { LAUNCH_MODE, type LaunchMode } from "../launch-mode";

/** A lesson the teacher may launch from. */
export type LessonChoice = { id: string; title: string; stepCount: number; isBuiltIn: boolean };

type NewSessionFormProps = {
  defaults: SessionSettings;
  lessons: readonly LessonChoice[];
  /** The lesson to preselect (the lesson page's "Launch a session" link), or null: without a lesson. */
  initialLessonId: string | null;
};

/** Launch a class from a lesson (its steps set the settings) or without one (the settings below). */
export function NewSessionForm({ defaults, lessons, initialLessonId }: NewSessionFormProps) {
  const [state, formAction, isPending] = useActionState<NewSessionState, FormData>(createSessionAction, {});
  const [mode, setMode] = useState<LaunchMode>(initialLessonId ? LAUNCH_MODE.lesson : LAUNCH_MODE.free);
  return (
    <form action={formAction} className="space-y-6">
      <FormAlert message={state.error} />
      <div className="card space-y-4">
        <TextField name="title" label="Title" required maxLength={120} placeholder="Stacking layers — period 3" />
        <fieldset>
          <legend className="field-label">Start</legend>
          <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="mode"
                value={LAUNCH_MODE.lesson}
                checked={mode === LAUNCH_MODE.lesson}
                onChange={() => setMode(LAUNCH_MODE.lesson)}
                className="size-4"
              />
              From a lesson
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="mode"
                value={LAUNCH_MODE.free}
                checked={mode === LAUNCH_MODE.free}
                onChange={() => setMode(LAUNCH_MODE.free)}
                className="size-4"
              />
              Without a lesson
            </label>
          </div>
        </fieldset>
        {mode === LAUNCH_MODE.lesson ? (
          <div>
            <label htmlFor="field-lessonId" className="field-label">
              Lesson
            </label>
            <select
              id="field-lessonId"
              name="lessonId"
              defaultValue={initialLessonId ?? lessons[0]?.id}
              className="field-input"
              aria-describedby="field-lessonId-hint"
            >
              {lessons.map((lesson) => (
                <option key={lesson.id} value={lesson.id}>
                  {lesson.title}
                  {lesson.isBuiltIn ? " (built in)" : ""} · {lesson.stepCount} steps
                </option>
              ))}
            </select>
            <p id="field-lessonId-hint" className="mt-1 text-sm text-slate-600">
              The class starts on step 1 with its settings. <Link href="/teacher/lessons">Browse and edit lessons</Link>
            </p>
          </div>
        ) : null}
        <div>
          <label className="flex items-center gap-2 font-semibold">
            <input
              type="checkbox"
              name="requireApproval"
              className="size-4"
              aria-describedby="field-requireApproval-hint"
            />
            Require approval of new joins
          </label>
          <p id="field-requireApproval-hint" className="mt-1 text-sm text-slate-600">
            Students wait on your dashboard&apos;s waiting list until you admit them. You can turn this on or off during
            the class.
          </p>
        </div>
      </div>
      {mode === LAUNCH_MODE.free ? (
        <div className="card space-y-6">
          <SettingsFields defaults={defaults} />
        </div>
      ) : null}
      <button type="submit" className="btn-primary" disabled={isPending}>
        {isPending ? "Launching…" : "Launch session"}
      </button>
    </form>
  );
}
