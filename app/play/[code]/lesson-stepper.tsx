"use client";

import type { ReactNode } from "react";
import type { StudentLesson } from "@/lib/protocol";

type LessonStepperProps = {
  lesson: StudentLesson;
  /** True while a move is being answered, or when the class cannot be reached. */
  isBusy: boolean;
  onGo: (step: number) => void;
  /** The step's activity: a chapter cell, or training under the step's settings. */
  children: ReactNode;
};

/**
 * Where the student is in the teacher's lesson and what to do there: the step's title and prompt,
 * every step with the ones the teacher has not opened locked (a lock and the word, not colour
 * alone), previous/next within the open range, then the step's activity.
 */
export function LessonStepper({ lesson, isBusy, onGo, children }: LessonStepperProps) {
  const { steps, step: current, pacing } = lesson;
  const step = steps[current];
  const isOpen = (index: number) => index >= pacing.allowedFrom && index <= pacing.allowedTo;
  const isFree = pacing.allowedFrom !== pacing.allowedTo;
  return (
    <div className="space-y-4">
      <section aria-labelledby="lesson-step-heading" className="card space-y-2" data-testid="lesson-step">
        <p className="text-sm text-slate-700">
          {lesson.title} · <span data-testid="lesson-step-number">Step {current + 1}</span> of {steps.length}
        </p>
        <h2 id="lesson-step-heading" className="text-xl font-bold break-words">
          {step?.title}
        </h2>
        <p data-testid="lesson-prompt" className="text-base">
          {step?.prompt}
        </p>
        <p className="text-sm text-slate-700" data-testid="lesson-pacing-note">
          {isFree
            ? `You may move between steps ${pacing.allowedFrom + 1} and ${pacing.allowedTo + 1}.`
            : "Your teacher moves the class from step to step."}
        </p>
        <nav aria-label="Lesson steps">
          <ol className="flex flex-wrap gap-1">
            {steps.map((item, index) => {
              const isCurrent = index === current;
              const isLocked = !isOpen(index);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a lesson's steps are fixed in number and order while shown
                <li key={index}>
                  <button
                    type="button"
                    className={`rounded border px-2 py-1 text-sm ${isCurrent ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"} disabled:cursor-not-allowed disabled:opacity-60`}
                    aria-current={isCurrent ? "step" : undefined}
                    disabled={isLocked || isCurrent || isBusy}
                    onClick={() => onGo(index)}
                  >
                    {isLocked ? <span aria-hidden="true">🔒 </span> : null}
                    {/* The name in text, not aria-label (labels would clash with the form's): "Step 2: One neuron on XOR (locked)". */}
                    <span aria-hidden="true">{index + 1}</span>
                    <span className="sr-only">{`Step ${index + 1}: ${item.title}${isLocked ? " (locked)" : ""}`}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        {isFree ? (
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-secondary px-3 py-1.5"
              disabled={isBusy || !isOpen(current - 1)}
              onClick={() => onGo(current - 1)}
            >
              ← Previous step
            </button>
            <button
              type="button"
              className="btn-secondary px-3 py-1.5"
              disabled={isBusy || !isOpen(current + 1)}
              onClick={() => onGo(current + 1)}
            >
              Next step →
            </button>
          </div>
        ) : null}
      </section>
      {children}
    </div>
  );
}
