import type { Optimizer } from "./mlp";

/**
 * Training defaults the classroom starts from. With these, a 2-8-1 ReLU net on the default noisy
 * XOR reaches ≥ 97 % train accuracy within DEFAULT_STEPS for at least 9 of 10 seeds
 * (test/lib/ml/nn/behaviour.test.ts checks it).
 */

/** Hidden units in the chapter's network. */
export const DEFAULT_HIDDEN = 8;
/** Full-batch steps per run. */
export const DEFAULT_STEPS = 2000;
/**
 * Plain-SGD learning rate. 0.3 trains ReLU, tanh and sigmoid nets on XOR within DEFAULT_STEPS;
 * with sigmoid units it still shows the chapter's early plateau (loss near ln 2 for a few hundred
 * steps, then a fast drop), while ReLU with He init drops from the first steps.
 */
export const DEFAULT_LR = 0.3;

/**
 * A starting learning rate per optimizer: momentum's velocity sums about 1 / (1 − 0.9) = 10
 * gradients, so it wants about a tenth of SGD's rate; Adam's steps are about lr per parameter
 * regardless of gradient scale.
 */
export const SUGGESTED_LR: Readonly<Record<Optimizer, number>> = {
  sgd: DEFAULT_LR,
  momentum: 0.03,
  adam: 0.01,
};
