/**
 * The lesson's part of the live protocol: pacing (the teacher sends everyone to a step or opens a
 * range of steps), a student moving within the range, and the lesson as students and teachers
 * see it in their state. Its own schema objects, so the class and tile schemas only gain fields.
 * Steps are 0-based on the wire; pages show them from 1.
 */
import { pacingCommandSchema } from "../lessons/pacing";
import { LESSON_STEPS_MAX, STEP_KIND, STEP_NOTE_MAX, STEP_PROMPT_MAX, STEP_TITLE_MAX } from "../lessons/schema";
import { storableString } from "../storable-string";
import { z } from "../zod";
import { ackSchema } from "./events";

/** A step index into the class's lesson. */
export const lessonStepIndexSchema = z
  .int()
  .min(0)
  .max(LESSON_STEPS_MAX - 1);

/** Where the class is: the step newcomers start on and the steps students may be on (inclusive). */
export const pacingSchema = z.object({
  currentStep: lessonStepIndexSchema,
  allowedFrom: lessonStepIndexSchema,
  allowedTo: lessonStepIndexSchema,
});

/**
 * lesson:pace (teacher, acked): "send everyone to step N" or "let students move freely within
 * steps A–B". Stored before it takes effect; the ack carries the pacing as stored.
 *
 * @example socket.emit("lesson:pace", { type: "sendEveryone", step: 1 }, (ack) => ack.ok || toast(ack.error.message));
 */
export const lessonPaceSchema = pacingCommandSchema;
/** lesson:pace ack. */
export const lessonPaceAckSchema = ackSchema({ pacing: pacingSchema });

/** lesson:step (student, acked): move to a step within the allowed range. */
export const lessonStepRequestSchema = z.object({ step: lessonStepIndexSchema });
/** A student's step request. */
export type LessonStepRequest = z.output<typeof lessonStepRequestSchema>;

const stepKindSchema = z.enum([STEP_KIND.training, STEP_KIND.cell]);

/** One step as a student sees it: what to do, never the teacher's notes. */
export const studentLessonStepSchema = z.object({
  title: storableString().max(STEP_TITLE_MAX),
  prompt: storableString().max(STEP_PROMPT_MAX),
  kind: stepKindSchema,
  /** The chapter cell of a cell step, null for a training step. */
  cell: z.int().min(1).max(3).nullable(),
});

/** The lesson in a student's state: every step's title and prompt, where they are, the class's pacing. */
export const studentLessonSchema = z.object({
  title: storableString().max(200),
  steps: z.array(studentLessonStepSchema).min(1).max(LESSON_STEPS_MAX),
  /** The step this student is on; the state's settings are this step's. */
  step: lessonStepIndexSchema,
  pacing: pacingSchema,
});
/** The lesson as one student sees it. */
export type StudentLesson = z.output<typeof studentLessonSchema>;

/** One step as the teacher's dashboard shows it, notes included. */
export const teacherLessonStepSchema = studentLessonStepSchema.extend({
  lookFor: storableString().max(STEP_NOTE_MAX),
  discussion: storableString().max(STEP_NOTE_MAX),
});

/** The lesson in the class state teachers get. */
export const teacherLessonSchema = z.object({
  title: storableString().max(200),
  steps: z.array(teacherLessonStepSchema).min(1).max(LESSON_STEPS_MAX),
  pacing: pacingSchema,
});
/** The lesson as the dashboard sees it. */
export type TeacherLesson = z.output<typeof teacherLessonSchema>;
