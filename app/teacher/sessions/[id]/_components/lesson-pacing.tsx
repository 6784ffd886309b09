"use client";

import { useCallback, useState } from "react";
import type { PacingCommand } from "@/lib/lessons";
import type { Ack, TeacherLesson } from "@/lib/protocol";
import type { Tile } from "../_lib/dashboard-state";
import { describePacing, type StepCount, stepCounts } from "../_lib/step-counts";
import { useClassDerived } from "../_lib/use-class-store";

type LessonPacingProps = {
  lesson: TeacherLesson;
  isLocked: boolean;
  sendPacing: (command: PacingCommand) => Promise<Ack>;
};

const isSameStepCounts = (a: StepCount[], b: StepCount[]) =>
  a.length === b.length &&
  a.every((count, i) => {
    const other = b[i];
    return (
      other !== undefined && count.onStep === other.onStep && count.done === other.done && count.title === other.title
    );
  });

const stepLabel = (lesson: TeacherLesson, index: number) => `${index + 1} · ${lesson.steps[index]?.title ?? ""}`;

/**
 * Pacing, as Desmos Classroom paces screens: send everyone to one step, or let students move
 * freely within a range. Below, per step, who is on it and who did what it asks; and the current
 * step's notes for the teacher. Each command waits for the server's ack (it is stored first).
 */
export function LessonPacing({ lesson, isLocked, sendPacing }: LessonPacingProps) {
  const { pacing, steps } = lesson;
  const [target, setTarget] = useState(pacing.currentStep);
  const [from, setFrom] = useState(pacing.allowedFrom);
  const [to, setTo] = useState(Math.min(pacing.allowedTo + 1, steps.length - 1));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const countSteps = useCallback((tiles: ReadonlyMap<string, Tile>) => stepCounts(lesson, tiles.values()), [lesson]);
  const counts = useClassDerived(countSteps, isSameStepCounts);
  const current = steps[pacing.currentStep];

  async function send(label: string, command: PacingCommand) {
    setPending(true);
    setError(null);
    const ack = await sendPacing(command);
    setPending(false);
    setError(ack.ok ? null : `${label}: ${ack.error.message}`);
  }

  const isDisabled = isLocked || pending;
  const options = steps.map((_, index) => (
    <option key={stepLabel(lesson, index)} value={index}>
      {stepLabel(lesson, index)}
    </option>
  ));
  return (
    <section aria-labelledby="lesson-heading" className="card space-y-3 p-4" data-testid="lesson-pacing">
      <div>
        <h2 id="lesson-heading" className="text-xl font-bold">
          Lesson: {lesson.title}
        </h2>
        <p className="font-medium" data-testid="pacing-status" role="status">
          {describePacing(pacing)}
          {current ? ` · ${stepLabel(lesson, pacing.currentStep)}` : ""}
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void send("Send everyone", { type: "sendEveryone", step: target });
          }}
        >
          <span>
            <label htmlFor="pacing-send-step" className="block font-semibold">
              Send everyone to step
            </label>
            <select
              id="pacing-send-step"
              className="field-input mt-1 block w-auto py-1"
              value={target}
              onChange={(event) => setTarget(Number(event.target.value))}
            >
              {options}
            </select>
          </span>
          <button type="submit" className="btn-primary px-3 py-1.5" disabled={isDisabled}>
            Send everyone
          </button>
        </form>
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void send("Let students move", { type: "allowRange", from, to });
          }}
        >
          <span>
            <label htmlFor="pacing-from-step" className="block font-semibold">
              Free from step
            </label>
            <select
              id="pacing-from-step"
              className="field-input mt-1 block w-auto py-1"
              value={from}
              onChange={(event) => setFrom(Number(event.target.value))}
            >
              {options}
            </select>
          </span>
          <span>
            <label htmlFor="pacing-to-step" className="block font-semibold">
              to step
            </label>
            <select
              id="pacing-to-step"
              className="field-input mt-1 block w-auto py-1"
              value={to}
              onChange={(event) => setTo(Number(event.target.value))}
            >
              {options}
            </select>
          </span>
          <button type="submit" className="btn-secondary px-3 py-1.5" disabled={isDisabled}>
            Let students move freely
          </button>
        </form>
      </div>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-2 py-1 text-sm font-medium text-red-800">
          {error}
        </p>
      )}
      <table className="w-full text-left text-sm" data-testid="step-counts">
        <caption className="sr-only">Students per lesson step</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-1 pr-3">
              Step
            </th>
            <th scope="col" className="py-1 pr-3">
              On it now
            </th>
            <th scope="col" className="py-1">
              Done
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.map((count) => {
            const isAllowed = count.step >= pacing.allowedFrom && count.step <= pacing.allowedTo;
            return (
              <tr
                key={count.step}
                data-testid={`step-count-${count.step + 1}`}
                className={`border-b border-slate-100 ${isAllowed ? "bg-warm-50 font-semibold" : ""}`}
              >
                <th scope="row" className="py-1 pr-3 font-normal">
                  {stepLabel(lesson, count.step)}
                  {isAllowed ? <span className="ml-1 text-xs font-bold">(open)</span> : null}
                </th>
                <td className="py-1 pr-3 font-mono" data-testid="on-step">
                  {count.onStep}
                </td>
                <td className="py-1" data-testid="done-step">
                  <span className="font-mono">{count.done}</span>{" "}
                  {count.kind === "cell" ? "passed the cell" : "reached the target"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {current && (current.lookFor || current.discussion) ? (
        <details className="text-sm" open>
          <summary className="cursor-pointer font-semibold">Your notes for step {pacing.currentStep + 1}</summary>
          {current.lookFor ? (
            <p className="mt-1">
              <strong>What to look for:</strong> {current.lookFor}
            </p>
          ) : null}
          {current.discussion ? (
            <p className="mt-1">
              <strong>Discussion question:</strong> {current.discussion}
            </p>
          ) : null}
        </details>
      ) : null}
    </section>
  );
}
