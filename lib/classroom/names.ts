/**
 * The names a class can choose from: datasets, activations and optimizers, plus the default
 * hyper-parameters. They live here, in one place, so the settings schema, the protocol and the
 * dashboard agree; the MLP core (lib/ml/nn) implements exactly these names and should re-export
 * or import them rather than define a second list.
 */

/** Datasets the MLP core can generate; "xor" is the chapter's example and the default. */
export const DATASETS = ["xor", "checkerboard", "circles", "spiral", "gaussian"] as const;
/** A dataset name. */
export type DatasetName = (typeof DATASETS)[number];

/** Hidden-layer non-linearities; "relu" is the one the chapter teaches. */
export const ACTIVATIONS = ["relu", "tanh", "sigmoid"] as const;
/** An activation name. */
export type ActivationName = (typeof ACTIVATIONS)[number];

/** Optimizers; plain "sgd" is what chapter 6 runs, the others arrive in chapter 7. */
export const OPTIMIZERS = ["sgd", "momentum", "adam"] as const;
/** An optimizer name. */
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** The chapter's network: 8 hidden units solve noisy XOR reliably. */
export const DEFAULT_HIDDEN = 8;
/** Full-batch SGD on the chapter's datasets converges at this step size without diverging. */
export const DEFAULT_LR = 0.1;
/** Enough full-batch steps for hidden 8 to reach 95 % on noisy XOR in a few seconds. */
export const DEFAULT_STEPS = 2000;
/** Label noise of the default dataset: visible but still separable to 95 %. */
export const DEFAULT_NOISE = 0.1;
