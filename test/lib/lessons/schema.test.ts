import { describe, expect, it } from "vitest";
import { defaultSessionSettings } from "@/lib/classroom";
import {
  describeLessonIssue,
  LESSON_STEPS_MAX,
  type LessonStepInput,
  lessonContentSchema,
  lessonStepSchema,
  STEP_KIND,
  STEP_PROMPT_MAX,
  settingsForStep,
} from "@/lib/lessons";

const cellStep = (cell: number): LessonStepInput =>
  ({ kind: STEP_KIND.cell, cell, title: `Cell ${cell}`, prompt: "Run it." }) as LessonStepInput;
const trainingStep = (hidden: number): LessonStepInput => ({
  kind: STEP_KIND.training,
  title: `Hidden ${hidden}`,
  prompt: "Train.",
  settings: { defaults: { ...defaultSessionSettings().defaults, hidden } },
});

describe("lessonStepSchema", () => {
  it("fills a training step's missing settings and notes with defaults, so old rows keep parsing", () => {
    const step = lessonStepSchema.parse({ kind: "training", title: " Free ", prompt: "Go", settings: {} });
    expect(step).toEqual({
      kind: "training",
      title: "Free",
      prompt: "Go",
      lookFor: "",
      discussion: "",
      settings: defaultSessionSettings(),
    });
  });

  it("accepts the chapter's cells 1–3 and nothing else", () => {
    for (const cell of [1, 2, 3]) expect(lessonStepSchema.safeParse(cellStep(cell)).success).toBe(true);
    for (const cell of [0, 4, 1.5, "2"])
      expect(lessonStepSchema.safeParse({ ...cellStep(1), cell }).success).toBe(false);
  });

  it("refuses a blank title or prompt, an over-long prompt and an unknown kind", () => {
    expect(lessonStepSchema.safeParse({ ...cellStep(1), title: "   " }).success).toBe(false);
    expect(lessonStepSchema.safeParse({ ...cellStep(1), prompt: "" }).success).toBe(false);
    expect(lessonStepSchema.safeParse({ ...cellStep(1), prompt: "x".repeat(STEP_PROMPT_MAX + 1) }).success).toBe(false);
    expect(lessonStepSchema.safeParse({ ...cellStep(1), kind: "quiz" }).success).toBe(false);
  });

  it("validates a training step's settings with the session settings schema", () => {
    const bad = { ...trainingStep(8), settings: { defaults: { ...defaultSessionSettings().defaults, hidden: 99 } } };
    expect(lessonStepSchema.safeParse(bad).success).toBe(false);
  });
});

describe("lessonContentSchema", () => {
  it("needs between 1 and LESSON_STEPS_MAX steps", () => {
    expect(lessonContentSchema.safeParse({ title: "Empty", steps: [] }).success).toBe(false);
    const many = Array.from({ length: LESSON_STEPS_MAX + 1 }, () => cellStep(1));
    expect(lessonContentSchema.safeParse({ title: "Long", steps: many }).success).toBe(false);
    expect(lessonContentSchema.safeParse({ title: "Ok", steps: many.slice(1) }).success).toBe(true);
  });

  it("names the step of the first problem, counted from 1, for the editor", () => {
    const parsed = lessonContentSchema.safeParse({ title: "L", steps: [cellStep(1), { ...cellStep(2), prompt: " " }] });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(describeLessonIssue(parsed.error)).toEqual({
      message: "Step 2: Prompt is required",
      path: "steps.1.prompt",
    });
  });
});

describe("settingsForStep", () => {
  const steps = lessonContentSchema.parse({
    title: "L",
    steps: [cellStep(1), trainingStep(2), cellStep(2), trainingStep(4), cellStep(3)],
  }).steps;
  const hiddenAt = (index: number) => settingsForStep(steps, index).defaults.hidden;

  it("uses a training step's own settings", () => {
    expect(hiddenAt(1)).toBe(2);
    expect(hiddenAt(3)).toBe(4);
  });

  it("gives a cell step the settings of the training step before it, or the first one after", () => {
    expect(hiddenAt(2)).toBe(2);
    expect(hiddenAt(4)).toBe(4);
    expect(hiddenAt(0)).toBe(2);
  });

  it("clamps an index outside the lesson and falls back to the defaults without a training step", () => {
    expect(hiddenAt(-3)).toBe(2);
    expect(hiddenAt(99)).toBe(4);
    const cellsOnly = lessonContentSchema.parse({ title: "C", steps: [cellStep(1)] }).steps;
    expect(settingsForStep(cellsOnly, 0)).toEqual(defaultSessionSettings());
  });
});
