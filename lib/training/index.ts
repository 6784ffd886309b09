/**
 * Training a run the way a student's browser does: the run driver around lib/ml/nn, the pacing
 * (speeds), the protocol throttle (progress:update, run:finish) and the chapter's advice.
 * Pure: runs in a Web Worker, in Node (the class simulator) and in tests with a fake clock.
 */
export { type Advice, adviseRun, formatLinear, type RunEnding, SUFFICIENT_HIDDEN } from "./advice";
export { describeWeights } from "./describe-weights";
export { followCurve } from "./display-curve";
export { line2Schema, type NetTraits, netTraits, netTraitsSchema } from "./net-traits";
export {
  applyPointEdit,
  editedDataset,
  isEditedLog,
  MAX_POINT_EDITS,
  nearestPoint,
  POINT_EDIT_OP,
  type PointEdit,
  type PointEditRequest,
  pointEditRequestSchema,
  pointEditSchema,
  pointEditsSchema,
} from "./point-edits";
export { createProgressReporter, type ProgressReporter } from "./reporter";
export { ACCURACY_EVERY_STEPS, type AdvanceLimit, createRunDriver, type RunDriver, type RunStatus } from "./run-driver";
export {
  createPacer,
  MAX_CATCH_UP_SECONDS,
  type Pacer,
  SLICE_BUDGET_MS,
  SLICE_INTERVAL_MS,
  SPEED_LABELS,
  SPEEDS,
  type Speed,
  STEPS_PER_SECOND,
} from "./speeds";
export {
  createTrainingLoop,
  type Schedule,
  type TrainingLoop,
  type TrainingLoopOptions,
  timerSchedule,
} from "./training-loop";
export { describeUntrained, type UntrainedNet } from "./untrained";
