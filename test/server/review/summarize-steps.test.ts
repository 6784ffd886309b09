/** The review by lesson step: each step's runs and students, the step shown, rows narrowed to one step. */
import { describe, expect, it } from "vitest";
import { BUILT_IN_LESSONS, type SessionLesson, STACKING_LAYERS_KEY } from "@/lib/lessons";
import type { ReviewParticipantRow, ReviewRunRow } from "@/server/review/summarize-review";
import { summarizeClass } from "@/server/review/summarize-review";
import { chooseStep, onStep, stepsUsed } from "@/server/review/summarize-steps";

const T0 = new Date("2026-12-02T10:00:00Z");
const content = BUILT_IN_LESSONS[0]?.content;
if (!content) throw new Error("no built-in lesson");
const LESSON: SessionLesson = { ...content, builtInKey: STACKING_LAYERS_KEY };

function run(id: string, lessonStep: number | null, dataset: string, accuracy: number): ReviewRunRow {
  return {
    id,
    status: "FINISHED",
    config: { dataset, targetAccuracy: 0.95, hidden: 0, lr: 0.3, activation: "relu", optimizer: "sgd", steps: 500 },
    initialLoss: 0.69,
    isEdited: false,
    flags: [],
    steps: 500,
    targetReachedStep: accuracy >= 0.95 ? 100 : null,
    reportedLoss: 0.3,
    reportedAccuracy: accuracy,
    verifiedLoss: 0.3,
    verifiedAccuracy: accuracy,
    lessonStep,
    startedAt: T0,
    finishedAt: T0,
  };
}

function student(id: string, runs: ReviewRunRow[], passedCells: number[] = []): ReviewParticipantRow {
  return {
    id,
    nickname: id,
    joinedAt: T0,
    lastSeenAt: T0,
    removedAt: null,
    runs,
    cells: passedCells.map((cell) => ({ cell, isPassed: true, attempts: 1 })),
    presence: [],
  };
}

const class3 = [
  student("ada", [run("a1", 0, "gaussian", 1), run("a2", 1, "xor", 0.5), run("a3", 1, "xor", 0.75)], [1]),
  student("grace", [run("g1", 0, "gaussian", 1), run("g2", 1, "xor", 0.5)], [1, 2]),
  student("alan", [run("l1", 0, "gaussian", 0.9)]),
];

describe("review by lesson step", () => {
  it("counts each step's runs and students, and a cell step's passes", () => {
    const steps = stepsUsed(class3, LESSON);
    expect(steps).toHaveLength(LESSON.steps.length);
    expect(
      steps.slice(0, 4).map(({ step, kind, dataset, runs, students }) => [step, kind, dataset, runs, students]),
    ).toEqual([
      [0, "training", "gaussian", 3, 3],
      [1, "training", "xor", 3, 2],
      [2, "cell", "xor", 0, 2],
      [3, "cell", "xor", 0, 1],
    ]);
    expect(steps[2]).toMatchObject({ title: "Cell 1 · The linear layer", cell: 1 });
  });

  it("shows the requested step, else the latest one trained on", () => {
    const steps = stepsUsed(class3, LESSON);
    expect(chooseStep(steps, 0)).toBe(0);
    expect(chooseStep(steps, null)).toBe(1);
    expect(chooseStep(steps, 99)).toBe(1);
    expect(chooseStep(stepsUsed([], LESSON), null)).toBe(0);
  });

  it("narrows every student's runs to the step, so its figures are that step's alone", () => {
    const first = summarizeClass(onStep(class3, 0), "gaussian");
    expect([first.students, first.studentsTrained, first.runs, first.studentsReachedTarget]).toEqual([3, 3, 3, 2]);
    const second = summarizeClass(onStep(class3, 1), "xor");
    expect([second.studentsTrained, second.runs, second.studentsReachedTarget]).toEqual([2, 3, 0]);
    expect(onStep(class3, 1)[2]?.runs).toEqual([]);
  });
});
