/**
 * MLP Classroom's network core: the chapter's readable contract (`linear`, `relu`, `mlpForward`),
 * the fast typed-array trainer everything else uses, decision maps and the datasets.
 * Pure TypeScript: no DOM, no Node APIs, no global randomness — it runs unchanged in a Worker.
 */
export { linear, mlpForward, relu, type Matrix, type Vector } from "./contract";
export { checkDataset, type Dataset } from "./data";
export { decisionMap, MAX_MAP_RESOLUTION, type DecisionMapOptions } from "./decision-map";
export {
  DATASET_EXTENT,
  DATASETS,
  DEFAULT_N,
  DEFAULT_NOISE,
  MAX_N,
  MAX_NOISE,
  MIN_N,
  makeDataset,
  type DatasetName,
  type MakeDatasetOptions,
} from "./datasets";
export { DEFAULT_HIDDEN, DEFAULT_LR, DEFAULT_STEPS, SUGGESTED_LR } from "./defaults";
export { NnDivergedError, NnInputError } from "./errors";
export { computeGradients } from "./gradients";
export {
  fromChapterWeights,
  toChapterWeights,
  type ChapterWeights,
  type FromChapterWeightsOptions,
} from "./chapter-weights";
export {
  ACTIVATIONS,
  initMlp,
  MAX_HIDDEN,
  MAX_INPUTS,
  mlpLayout,
  OPTIMIZERS,
  resetTraining,
  type Activation,
  type InitMlpOptions,
  type Mlp,
  type MlpLayout,
  type Optimizer,
  type StepResult,
} from "./mlp";
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
  train,
  type StepOptions,
  type TrainOptions,
  type TrainResult,
} from "./train";
