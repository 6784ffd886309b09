/**
 * MLP Classroom's network core: the chapter's readable contract (`linear`, `relu`, `mlpForward`),
 * the fast typed-array trainer everything else uses, decision maps and the datasets.
 * Pure TypeScript: no DOM, no Node APIs, no global randomness — it runs unchanged in a Worker.
 */

export {
  type ChapterWeights,
  type FromChapterWeightsOptions,
  fromChapterWeights,
  toChapterWeights,
} from "./chapter-weights";
export { linear, type Matrix, mlpForward, relu, type Vector } from "./contract";
export { checkDataset, type Dataset } from "./data";
export {
  DATASET_EXTENT,
  DATASETS,
  type DatasetName,
  DEFAULT_N,
  DEFAULT_NOISE,
  MAX_N,
  MAX_NOISE,
  type MakeDatasetOptions,
  MIN_N,
  makeDataset,
} from "./datasets";
export { type DecisionMapOptions, decisionMap, MAX_MAP_RESOLUTION } from "./decision-map";
export { DEFAULT_HIDDEN, DEFAULT_LR, DEFAULT_STEPS, SUGGESTED_LR } from "./defaults";
export { NnDivergedError, NnInputError } from "./errors";
export { computeGradients } from "./gradients";
export { lineFromMap } from "./line-from-map";
export { describeDecisionLine, describeUnitLine, formatCoordinate, linearLimitNote } from "./line-words";
export {
  type ActiveSide,
  clipLine,
  collapseLinear,
  decisionLine,
  isLinearNet,
  type Line2,
  lineInPlot,
  type Segment,
  type UnitLine,
  unitLine2,
  unitLines,
} from "./lines";
export {
  ACTIVATIONS,
  type Activation,
  DEFAULT_INIT_SCALE,
  type InitMlpOptions,
  initMlp,
  MAX_HIDDEN,
  MAX_INIT_SCALE,
  MAX_INPUTS,
  type Mlp,
  type MlpLayout,
  mlpLayout,
  OPTIMIZERS,
  type Optimizer,
  resetTraining,
  type StepResult,
} from "./mlp";
export { parameterCount, parameterSum } from "./parameter-count";
export {
  judgePlateau,
  PLATEAU_END_RATIO,
  PLATEAU_FRACTION,
  PLATEAU_TOLERANCE,
  type PlateauVerdict,
  XOR_PLATEAU,
} from "./plateau";
export { accuracy, evaluateLoss, forwardLogit, predict } from "./predict";
export { createRng, type Rng } from "./rng";
export {
  ADAM_BETA1,
  ADAM_BETA2,
  ADAM_EPSILON,
  DIVERGENCE_FACTOR,
  isDiverged,
  MAX_TRAIN_STEPS,
  MOMENTUM_BETA,
  mlpStep,
  type StepOptions,
  type TrainOptions,
  type TrainResult,
  train,
} from "./train";
export { SATURATION_THRESHOLD, type UnitHealth, type UnitState, unitHealth } from "./unit-health";
export { UNIT_MAP_NEUTRAL, type UnitMapsOptions, unitMaps } from "./unit-maps";
