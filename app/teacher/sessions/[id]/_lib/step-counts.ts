/**
 * Per lesson step, the counts a teacher paces by: who is on the step now, and who did what the
 * step asks (passed its cell, or reached the target on one of its runs). Pure, from the tiles.
 */
import type { TeacherLesson } from "@/lib/protocol";
import type { Tile } from "./dashboard-state";

/** One step's counts. `done` is "passed the cell" on a cell step, "reached the target" on a training step. */
export type StepCount = { step: number; title: string; kind: "training" | "cell"; onStep: number; done: number };

/**
 * The counts of every step of `lesson` over `tiles`.
 *
 * @example stepCounts(classState.lesson, state.tiles.values()) // [{ step: 0, onStep: 3, done: 2, … }, …]
 */
export function stepCounts(
  lesson: TeacherLesson,
  tiles: Iterable<Pick<Tile, "lessonStep" | "reachedSteps" | "cells">>,
) {
  const counts: StepCount[] = lesson.steps.map((step, index) => ({
    step: index,
    title: step.title,
    kind: step.kind,
    onStep: 0,
    done: 0,
  }));
  for (const tile of tiles) {
    if (tile.lessonStep !== null) {
      const count = counts[tile.lessonStep];
      if (count) count.onStep++;
    }
    for (const [index, step] of lesson.steps.entries()) {
      const count = counts[index];
      if (!count) continue;
      const isDone =
        step.kind === "cell"
          ? tile.cells.some((cell) => cell.cell === step.cell && cell.isPassed)
          : tile.reachedSteps.includes(index);
      if (isDone) count.done++;
    }
  }
  return counts;
}

/** "Everyone on step 2" or "Free within steps 2–5": the pacing in words (steps from 1). */
export function describePacing(pacing: TeacherLesson["pacing"]): string {
  const { currentStep, allowedFrom, allowedTo } = pacing;
  if (allowedFrom === allowedTo) return `Everyone is on step ${currentStep + 1}`;
  return `Students move freely within steps ${allowedFrom + 1}–${allowedTo + 1}; newcomers start on step ${currentStep + 1}`;
}
