import { describe, expect, it } from "vitest";
import { readLessonForm } from "@/app/teacher/lessons/_lib/read-lesson-form";
import { LESSON_STEPS_MAX, lessonContentSchema } from "@/lib/lessons";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("readLessonForm", () => {
  it("reads the steps in the order of their cards, with each step's own settings and cell", () => {
    const input = readLessonForm(
      form([
        ["title", "My lesson"],
        ["step", "b"],
        ["s-b-title", "Cell first"],
        ["s-b-prompt", "Write linear."],
        ["s-b-activity", "cell:1"],
        ["step", "a"],
        ["s-a-title", "Train"],
        ["s-a-prompt", "Press Train."],
        ["s-a-activity", "training"],
        ["s-a-dataset", "spiral"],
        ["s-a-hidden", "16"],
        ["s-a-lr", "0.3"],
        ["s-a-steps", "2000"],
        ["s-a-activation", "relu"],
        ["s-a-optimizer", "sgd"],
        ["s-a-initSeed", "1"],
        ["s-a-targetPercent", "90"],
        ["s-a-unlocked", "lr"],
        ["s-a-requireForwardPassCell", "on"],
      ]),
    );
    const lesson = lessonContentSchema.parse(input);
    expect(lesson.steps.map((step) => step.title)).toEqual(["Cell first", "Train"]);
    expect(lesson.steps[0]).toMatchObject({ kind: "cell", cell: 1 });
    const training = lesson.steps[1];
    expect(training?.kind === "training" && training.settings).toMatchObject({
      dataset: "spiral",
      targetAccuracy: 0.9,
      unlocked: ["lr"],
      requireForwardPassCell: true,
      defaults: { hidden: 16 },
    });
  });

  it("ignores malformed step keys and reads at most one step past the limit", () => {
    const keys = Array.from({ length: LESSON_STEPS_MAX + 20 }, (_, i) => ["step", `k${i}`] as [string, string]);
    const input = readLessonForm(form([["step", "../x"], ["step", "A-B"], ...keys]));
    expect(input.steps).toHaveLength(LESSON_STEPS_MAX + 1);
    expect(lessonContentSchema.safeParse(input).success).toBe(false);
  });

  it("leaves an unknown activity to the schema to refuse", () => {
    const input = readLessonForm(
      form([
        ["title", "L"],
        ["step", "a"],
        ["s-a-title", "T"],
        ["s-a-prompt", "P"],
        ["s-a-activity", "quiz"],
      ]),
    );
    expect(lessonContentSchema.safeParse(input).success).toBe(false);
  });
});
