import { checkDataset, type Dataset } from "./data";
import { NnInputError } from "./errors";
import { logistic, meanLoss } from "./loss";
import type { Mlp } from "./mlp";
import { assertFinite } from "./validate";

/**
 * The fast single-point forward pass: the network's logit (before the sigmoid) for the point
 * stored at `point[offset .. offset + net.inputs)`. No validation and no allocation, for inner loops;
 * the arithmetic order matches the chapter's `mlpForward`, so on a ReLU net the two agree to the bit
 * (up to the sign of a zero).
 *
 * @example forwardLogit(net, data.xs, 2 * i) // logit of point i
 */
export function forwardLogit(net: Mlp, point: ArrayLike<number>, offset = 0): number {
  const { inputs, hidden, params, layout, activation } = net;
  if (hidden === 0) {
    let acc = 0;
    for (let i = 0; i < inputs; i++) acc += point[offset + i]! * params[layout.w2 + i]!;
    return acc + params[layout.b2]!;
  }
  let logit = 0;
  for (let j = 0; j < hidden; j++) {
    const row = layout.w1 + j * inputs;
    let acc = 0;
    for (let i = 0; i < inputs; i++) acc += point[offset + i]! * params[row + i]!;
    const z = acc + params[layout.b1 + j]!;
    let h: number;
    switch (activation) {
      case "relu":
        h = z > 0 ? z : 0;
        break;
      case "tanh":
        h = Math.tanh(z);
        break;
      case "sigmoid":
        h = logistic(z);
        break;
      case "linear":
        h = z;
        break;
    }
    logit += h * params[layout.w2 + j]!;
  }
  return logit + params[layout.b2]!;
}

/** Reused so `predict` allocates nothing. Safe because JavaScript runs one call at a time per realm. */
const pointBuffer = new Float64Array(2);

/**
 * The probability of class 1 at the point (x, y) for a 2-input net.
 *
 * @throws NnInputError if the net does not take 2 inputs or x/y is not finite.
 * @example predict(net, 1, -1) // ≈ 0.98 after training on XOR
 */
export function predict(net: Mlp, x: number, y: number): number {
  if (net.inputs !== 2) throw new NnInputError(`predict takes a point (x, y) but the net has ${net.inputs} inputs`);
  assertFinite(x, "x");
  assertFinite(y, "y");
  pointBuffer[0] = x;
  pointBuffer[1] = y;
  return logistic(forwardLogit(net, pointBuffer));
}

/**
 * Fraction of points classified correctly, in [0, 1]; a point is predicted class 1 when its
 * probability is ≥ 0.5 (logit ≥ 0).
 */
export function accuracy(net: Mlp, data: Dataset): number {
  const n = checkDataset(data, net.inputs);
  let correct = 0;
  for (let p = 0; p < n; p++) {
    const predicted = forwardLogit(net, data.xs, p * net.inputs) >= 0 ? 1 : 0;
    if (predicted === data.ys[p]) correct++;
  }
  return correct / n;
}

/**
 * Mean binary cross-entropy (nats) of the net on `data`, computed like `mlpStep`'s loss (the
 * stable softplus form) but without touching gradients or optimizer state.
 */
export function evaluateLoss(net: Mlp, data: Dataset): number {
  const n = checkDataset(data, net.inputs);
  // A fresh buffer rather than the net's scratch: evaluating on a test set must not resize the
  // training scratch. Not a hot path.
  const logits = new Float64Array(n);
  for (let p = 0; p < n; p++) logits[p] = forwardLogit(net, data.xs, p * net.inputs);
  return meanLoss(logits, data.ys, n, null);
}
