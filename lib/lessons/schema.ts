/**
 * A lesson: an ordered list of steps a teacher walks a class through, as Desmos Classroom walks
 * it through screens. Each step has a title, a short prompt for students, the teacher's notes
 * (what to look for, a discussion question) and an activity: free training with its own dataset,
 * defaults, locks and target (the session settings schema), or one of the chapter's cells.
 *
 * One schema for every boundary: the lesson editor's server action, the database's JSON (a
 * session keeps a snapshot of the lesson it was launched from), and the pacing protocol to come.
 * Settings fill missing fields with defaults, so lessons stored before a setting existed keep parsing.
 */

import { CELL_NUMBERS, type CellNumber } from "../cells/definitions";
import { sessionSettingsSchema } from "../classroom/settings";
import { storableString } from "../storable-string";
import { z } from "../zod";

/** A lesson title fits the teacher's list and a session title (which is limited to 120). */
export const LESSON_TITLE_MAX = 120;
/** One or two sentences under the title in the teacher's list. */
export const LESSON_SUMMARY_MAX = 500;
/** A step title is a stepper label: it must fit one line on a 375 px phone. */
export const STEP_TITLE_MAX = 80;
/** "Short prompt": a student reads it in a few seconds, above the map. */
export const STEP_PROMPT_MAX = 600;
/** Teacher notes are a paragraph each; longer belongs in the teacher's own lesson plan. */
export const STEP_NOTE_MAX = 2_000;
/** A class period holds far fewer; the cap bounds what one save or one snapshot can carry. */
export const LESSON_STEPS_MAX = 30;

/** What a step asks students to do. */
export const STEP_KIND = { training: "training", cell: "cell" } as const;
/** One step kind. */
export type StepKind = (typeof STEP_KIND)[keyof typeof STEP_KIND];

const text = (label: string, max: number) =>
  storableString({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max.toLocaleString("en")} characters` });
/** Optional text: blank is allowed and stored as "". */
const optionalText = (label: string, max: number) =>
  storableString()
    .trim()
    .max(max, { error: `${label} must be at most ${max.toLocaleString("en")} characters` })
    .default("");

/** A chapter cell number, 1–3. */
export const cellNumberSchema = z.literal(CELL_NUMBERS as readonly CellNumber[], {
  error: `Choose one of the cells ${CELL_NUMBERS.join(", ")}`,
});

const stepText = {
  title: text("Step title", STEP_TITLE_MAX),
  prompt: text("Prompt", STEP_PROMPT_MAX),
  /** Teacher notes: what to look for on the dashboard during this step. */
  lookFor: optionalText("What to look for", STEP_NOTE_MAX),
  /** Teacher notes: a question to put to the class. */
  discussion: optionalText("Discussion question", STEP_NOTE_MAX),
};

/** A step where students train the MLP under the step's settings. */
export const trainingStepSchema = z.object({
  ...stepText,
  kind: z.literal(STEP_KIND.training),
  settings: sessionSettingsSchema,
});
/** A step where students work one of the chapter's cells. */
export const cellStepSchema = z.object({
  ...stepText,
  kind: z.literal(STEP_KIND.cell),
  cell: cellNumberSchema,
});

/** One step of a lesson. */
export const lessonStepSchema = z.discriminatedUnion("kind", [trainingStepSchema, cellStepSchema]);
/** One step of a lesson, parsed. */
export type LessonStep = z.output<typeof lessonStepSchema>;
/** One step as typed by a teacher or read from an old row: defaults may be missing. */
export type LessonStepInput = z.input<typeof lessonStepSchema>;
/** A training step, parsed. */
export type TrainingStep = z.output<typeof trainingStepSchema>;
/** A cell step, parsed. */
export type CellStep = z.output<typeof cellStepSchema>;

/** A lesson's content: what the editor saves and what a session keeps a snapshot of. */
export const lessonContentSchema = z.object({
  title: text("Lesson title", LESSON_TITLE_MAX),
  summary: optionalText("Summary", LESSON_SUMMARY_MAX),
  steps: z
    .array(lessonStepSchema)
    .min(1, { error: "A lesson needs at least one step" })
    .max(LESSON_STEPS_MAX, { error: `A lesson has at most ${LESSON_STEPS_MAX} steps` }),
});
/** A lesson's title, summary and steps, parsed. */
export type LessonContent = z.output<typeof lessonContentSchema>;
/** A lesson's content as typed: defaults may be missing. */
export type LessonContentInput = z.input<typeof lessonContentSchema>;

/** Built-in lesson keys are short slugs (lib/lessons/built-in.ts). */
const BUILT_IN_KEY_MAX = 64;

/**
 * The lesson a session was launched from, as it was at launch (ClassSession.lessonSnapshot): its
 * content, and the built-in lesson's key when it was one (a teacher's lesson is the lessonId column).
 */
export const sessionLessonSchema = lessonContentSchema.extend({
  builtInKey: storableString().max(BUILT_IN_KEY_MAX).nullable().default(null),
});
/** A session's lesson snapshot, parsed. */
export type SessionLesson = z.output<typeof sessionLessonSchema>;

/**
 * The message and where of the first problem in a failed parse, for a form: "Step 3: Prompt is
 * required" with the path "steps.2.prompt".
 *
 * @example
 * const parsed = lessonContentSchema.safeParse(input);
 * if (!parsed.success) return describeLessonIssue(parsed.error);
 */
export function describeLessonIssue(error: z.ZodError): { message: string; path: string } {
  const issue = error.issues[0];
  if (!issue) return { message: "Invalid lesson", path: "" };
  const path = issue.path.map(String).join(".");
  const [head, index] = issue.path;
  const where = head === "steps" && typeof index === "number" ? `Step ${index + 1}: ` : "";
  return { message: `${where}${issue.message}`, path };
}
