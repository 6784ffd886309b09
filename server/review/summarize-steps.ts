/**
 * The review of a class launched from a lesson, step by step: what each step had students do and
 * how many did it (runs on a training step, passes of a cell step's cell), and the participants'
 * rows narrowed to one step's runs. Pure, like summarize-review.ts, which then groups by dataset.
 */
import { type SessionLesson, STEP_KIND, settingsForStep } from "../../lib/lessons";
import type { ReviewParticipantRow } from "./summarize-review";

/** One lesson step in the review. */
export type StepUse = {
  /** 0-based; pages show it from 1. */
  step: number;
  title: string;
  kind: "training" | "cell";
  /** The cell of a cell step; null for a training step. */
  cell: number | null;
  /** The dataset its runs train on (a cell step: the class's data at that step). */
  dataset: string;
  /** Runs trained on the step. */
  runs: number;
  /** Students with a run on the step, or (cell step) who passed its cell. */
  students: number;
};

/** Every step of `lesson` with the runs and students on it. */
export function stepsUsed(participants: readonly ReviewParticipantRow[], lesson: SessionLesson): StepUse[] {
  return lesson.steps.map((step, index) => {
    let runs = 0;
    let students = 0;
    for (const participant of participants) {
      if (step.kind === STEP_KIND.cell) {
        if (participant.cells.some((cell) => cell.cell === step.cell && cell.isPassed)) students++;
        continue;
      }
      const mine = participant.runs.filter((run) => run.lessonStep === index).length;
      runs += mine;
      if (mine > 0) students++;
    }
    return {
      step: index,
      title: step.title,
      kind: step.kind,
      cell: step.kind === STEP_KIND.cell ? step.cell : null,
      dataset: settingsForStep(lesson.steps, index).dataset,
      runs,
      students,
    };
  });
}

/** The step to show: the requested one if the lesson has it, else the latest step with runs, else step 1. */
export function chooseStep(steps: readonly StepUse[], requested: number | null): number {
  if (requested !== null && requested >= 0 && requested < steps.length) return requested;
  return [...steps].reverse().find((step) => step.runs > 0)?.step ?? 0;
}

/** The participants with only their runs on `step` (cells, presence and everyone stay). */
export function onStep(participants: readonly ReviewParticipantRow[], step: number): ReviewParticipantRow[] {
  return participants.map((participant) => ({
    ...participant,
    runs: participant.runs.filter((run) => run.lessonStep === step),
  }));
}
