/**
 * Training defaults the classroom starts from. With these, a 2-8-1 ReLU net on the default noisy
 * XOR reaches ≥ 97 % train accuracy within DEFAULT_STEPS for at least 9 of 10 seeds, after the
 * early plateau the chapter describes (verified by test/lib/ml/nn/behaviour.test.ts).
 */

/** Hidden units in the chapter's network. */
export const DEFAULT_HIDDEN = 8;
/** Full-batch steps per run. */
export const DEFAULT_STEPS = 2000;
/** Plain-SGD learning rate. */
export const DEFAULT_LR = 0.3;
