/** The dashboard's per-step counts: who is on each step, who passed a cell step's cell or reached the target on a training step. */
import { describe, expect, it } from "vitest";
import type { TeacherLesson } from "@/lib/protocol";
import { describePacing, stepCounts } from "../../../../app/teacher/sessions/[id]/_lib/step-counts";

const step = (title: string, kind: "training" | "cell", cell: number | null = null) => ({
  title,
  prompt: "Do it",
  kind,
  cell,
  lookFor: "",
  discussion: "",
});
const LESSON: TeacherLesson = {
  title: "Stacking layers",
  steps: [step("Clouds", "training"), step("Cell 2", "cell", 2), step("XOR", "training")],
  pacing: { currentStep: 0, allowedFrom: 0, allowedTo: 2 },
};
const passed = (cell: number) => ({ cell, isPassed: true, attempts: 1, lastError: null });
const failed = (cell: number) => ({ cell, isPassed: false, attempts: 3, lastError: "no" });

describe("step counts", () => {
  it("counts students on each step and those who did what the step asks", () => {
    const counts = stepCounts(LESSON, [
      { lessonStep: 0, reachedSteps: [0], cells: [] },
      { lessonStep: 1, reachedSteps: [0], cells: [passed(2)] },
      { lessonStep: 1, reachedSteps: [], cells: [failed(2), passed(1)] },
      { lessonStep: 2, reachedSteps: [0, 2], cells: [passed(2)] },
      { lessonStep: null, reachedSteps: [], cells: [] },
    ]);
    expect(counts.map(({ onStep, done }) => [onStep, done])).toEqual([
      [1, 3],
      [2, 2],
      [1, 1],
    ]);
  });

  it("says where the class is in words, steps from 1", () => {
    expect(describePacing({ currentStep: 3, allowedFrom: 3, allowedTo: 3 })).toBe("Everyone is on step 4");
    expect(describePacing({ currentStep: 1, allowedFrom: 1, allowedTo: 4 })).toBe(
      "Students move freely within steps 2–5; newcomers start on step 2",
    );
  });
});
