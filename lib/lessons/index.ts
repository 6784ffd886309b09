/** Lessons: ordered steps (training or a chapter cell) with prompts and teacher notes, and the built-in ones. Pure. */
export { BUILT_IN_LESSONS, type BuiltInLesson, findBuiltInLesson } from "./built-in";
export {
  applyPacing,
  isStepAllowed,
  type Pacing,
  type PacingCommand,
  pacingCommandSchema,
  placeStudent,
  START_PACING,
} from "./pacing";
export {
  type CellStep,
  cellNumberSchema,
  cellStepSchema,
  describeLessonIssue,
  LESSON_STEPS_MAX,
  LESSON_SUMMARY_MAX,
  LESSON_TITLE_MAX,
  type LessonContent,
  type LessonContentInput,
  type LessonStep,
  type LessonStepInput,
  lessonContentSchema,
  lessonStepSchema,
  type SessionLesson,
  STEP_KIND,
  STEP_NOTE_MAX,
  STEP_PROMPT_MAX,
  STEP_TITLE_MAX,
  type StepKind,
  sessionLessonSchema,
  type TrainingStep,
  trainingStepSchema,
} from "./schema";
export { STACKING_LAYERS, STACKING_LAYERS_KEY, TOO_LARGE_LR, XOR_PLATEAU_STEP } from "./stacking-layers";
export { settingsForStep } from "./step-settings";
