/**
 * The names a class can choose from (datasets, activations, optimizers) and the default
 * hyper-parameters. They are defined once, by the MLP core that implements them; the classroom
 * re-exports them so settings, protocol and dashboard import one list from one place.
 */
export { DATASETS, type DatasetName, DEFAULT_NOISE, MAX_NOISE } from "../ml/nn/datasets";
export { DEFAULT_HIDDEN, DEFAULT_LR, DEFAULT_STEPS } from "../ml/nn/defaults";
export {
  ACTIVATIONS,
  type Activation as ActivationName,
  DEFAULT_INIT_SCALE,
  OPTIMIZERS,
  type Optimizer as OptimizerName,
} from "../ml/nn/mlp";
