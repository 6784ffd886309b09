import type { Dataset } from "./data";
import { computeGradients } from "./gradients";
import { type Mlp, OPTIMIZERS, type Optimizer, type StepResult } from "./mlp";
import { allFinite, assertIntInRange, assertOneOf, assertPositive } from "./validate";

/** Momentum's decay: the velocity keeps 90 % of itself per step (the usual default). */
export const MOMENTUM_BETA = 0.9;
/** Adam's first- and second-moment decays and denominator guard (Kingma & Ba's defaults). */
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-8;
/** A run whose loss exceeds this multiple of its first loss is reported as diverged. */
export const DIVERGENCE_FACTOR = 10;
/** Most steps `train` accepts in one call; bounds a Worker's busy time (≈ 1 s at 90k steps/s). */
export const MAX_TRAIN_STEPS = 100_000;

/** Options for one gradient-descent step. */
export type StepOptions = {
  /** Learning rate, > 0. */
  lr: number;
  /** Default `sgd`. */
  optimizer?: Optimizer;
};

/**
 * True when a run should be flagged as diverged: the loss is non-finite or above
 * {@link DIVERGENCE_FACTOR} × the initial loss.
 *
 * @example isDiverged(Number.NaN, 0.69) // true; isDiverged(0.5, 0.69) // false
 */
export function isDiverged(loss: number, initialLoss: number): boolean {
  if (!Number.isFinite(loss)) return true;
  return Number.isFinite(initialLoss) && loss > DIVERGENCE_FACTOR * initialLoss;
}

/**
 * One full-batch gradient-descent step on the mean binary cross-entropy of the sigmoid output.
 * Updates `net` in place and returns a result object that is reused by every step of this net
 * (read it before the next step). `loss` is the loss before the update.
 *
 * - `sgd`: w ← w − lr·g
 * - `momentum`: u ← 0.9·u + g; w ← w − lr·u
 * - `adam`: m ← 0.9·m + 0.1·g; s ← 0.999·s + 0.001·g²; w ← w − lr·m̂ / (√ŝ + 1e-8), with the
 *   bias corrections m̂ = m / (1 − 0.9ᵗ), ŝ = s / (1 − 0.999ᵗ).
 *
 * Switching optimizer between steps restarts the optimizer's memory from zero.
 *
 * @throws NnInputError on a bad learning rate, optimizer or dataset.
 * @example
 * const net = initMlp({ hidden: 8, seed: 1 });
 * for (let i = 0; i < DEFAULT_STEPS; i++) if (mlpStep(net, data, { lr: DEFAULT_LR }).diverged) break;
 */
export function mlpStep(net: Mlp, data: Dataset, options: StepOptions): StepResult {
  const { lr, optimizer = "sgd" } = options;
  assertPositive(lr, "lr");
  assertOneOf(optimizer, OPTIMIZERS, "optimizer");
  const loss = computeGradients(net, data);
  applyUpdate(net, lr, optimizer);
  if (net.steps === 0) net.initialLoss = loss;
  net.steps++;
  let result = net.scratch.result;
  if (result === null || result.net !== net) {
    result = { net, loss, diverged: false };
    net.scratch.result = result;
  }
  result.loss = loss;
  result.diverged = isDiverged(loss, net.initialLoss);
  return result;
}

function applyUpdate(net: Mlp, lr: number, optimizer: Optimizer): void {
  const { params, grad } = net;
  const state = net.optimizer;
  if (state.kind !== optimizer) {
    state.kind = optimizer;
    state.t = 0;
    state.m.fill(0);
    state.v.fill(0);
  }
  const size = params.length;
  const { m, v } = state;
  switch (optimizer) {
    case "sgd":
      for (let k = 0; k < size; k++) params[k] = params[k]! - lr * grad[k]!;
      return;
    case "momentum":
      for (let k = 0; k < size; k++) {
        const u = MOMENTUM_BETA * m[k]! + grad[k]!;
        m[k] = u;
        params[k] = params[k]! - lr * u;
      }
      return;
    case "adam": {
      state.t++;
      const correction1 = 1 - ADAM_BETA1 ** state.t;
      const correction2 = 1 - ADAM_BETA2 ** state.t;
      for (let k = 0; k < size; k++) {
        const g = grad[k]!;
        const m1 = ADAM_BETA1 * m[k]! + (1 - ADAM_BETA1) * g;
        const m2 = ADAM_BETA2 * v[k]! + (1 - ADAM_BETA2) * g * g;
        m[k] = m1;
        v[k] = m2;
        params[k] = params[k]! - (lr * (m1 / correction1)) / (Math.sqrt(m2 / correction2) + ADAM_EPSILON);
      }
      return;
    }
  }
}

/** Options for {@link train}. */
export type TrainOptions = StepOptions & {
  /** Steps to run, 1…100,000. */
  steps: number;
  /** Called after each step with the step index (0-based) and the loss before that step. */
  onStep?: (step: number, loss: number) => void;
};

/** Outcome of {@link train}: `losses[i]` is the loss before step i; on divergence it stops early. */
export type TrainResult = {
  status: "done" | "diverged";
  /** Losses of the steps actually run (length ≤ steps). */
  losses: Float64Array;
};

/**
 * Runs up to `steps` steps of {@link mlpStep}, stopping at the first diverged step so a
 * non-finite network is flagged rather than drawn.
 *
 * @example const { status, losses } = train(net, data, { lr: DEFAULT_LR, steps: DEFAULT_STEPS });
 */
export function train(net: Mlp, data: Dataset, options: TrainOptions): TrainResult {
  const { steps, onStep } = options;
  assertIntInRange(steps, 1, MAX_TRAIN_STEPS, "steps");
  const losses = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    const { loss, diverged } = mlpStep(net, data, options);
    losses[i] = loss;
    onStep?.(i, loss);
    if (diverged) return { status: "diverged", losses: losses.slice(0, i + 1) };
  }
  // The last update happens after the last loss was measured; catch it blowing up too.
  return { status: allFinite(net.params) ? "done" : "diverged", losses };
}
