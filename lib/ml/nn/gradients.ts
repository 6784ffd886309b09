import { checkDataset, type Dataset } from "./data";
import { logistic, meanLoss } from "./loss";
import { type Activation, ensurePointScratch, type Mlp } from "./mlp";
import { backwardRelu2, forwardRelu2 } from "./relu2";

/**
 * The fast full-batch pass: forward, mean binary cross-entropy (see loss.ts) and backward,
 * writing dLoss/dparams into `net.grad`. Loops run hidden-unit-outer, points-inner over
 * preallocated Float64Array scratch, so a call allocates nothing once the scratch is sized.
 */

/**
 * Computes the mean loss and writes its gradient (mean over the points) into `net.grad`.
 * Parameters are not changed.
 *
 * @returns the mean binary cross-entropy in nats at the current parameters.
 * @example const loss = computeGradients(net, data); net.grad[net.layout.b2] // dLoss/db2
 */
export function computeGradients(net: Mlp, data: Dataset): number {
  const n = checkDataset(data, net.inputs);
  const scratch = ensurePointScratch(net, n);
  const { xs, ys } = data;
  const perPoint = scratch.perPoint;
  forwardBatch(net, xs, n, scratch.act, perPoint);

  // Output layer: the loss, and dLoss/dlogit written over the logits.
  const loss = meanLoss(perPoint, ys, n, perPoint);
  let gradB2 = 0;
  for (let p = 0; p < n; p++) gradB2 += perPoint[p]!;
  backwardBatch(net, xs, n, scratch.act, perPoint);
  net.grad[net.layout.b2] = gradB2;
  return loss;
}

/**
 * Writes every point's logit into `logits` and, for hidden ≥ 1, every hidden activation into
 * `act` ([hidden][n]). Arithmetic order per point matches the chapter's `mlpForward`: each
 * pre-activation sums x·w left to right then adds the bias; the logit sums h·v over units in order
 * from 0, then adds b2.
 */
export function forwardBatch(net: Mlp, xs: Float64Array, n: number, act: Float64Array, logits: Float64Array): void {
  const { inputs, hidden, params, layout, activation } = net;
  const b2 = params[layout.b2] as number;
  if (hidden === 0) {
    for (let p = 0; p < n; p++) logits[p] = affine(xs, p * inputs, params, layout.w2, inputs) + b2;
    return;
  }
  if (inputs === 2 && activation === "relu") {
    forwardRelu2(net, xs, n, act, logits);
    return;
  }
  logits.fill(0, 0, n);
  for (let j = 0; j < hidden; j++) {
    const base = j * n;
    const row = layout.w1 + j * inputs;
    const bias = params[layout.b1 + j] as number;
    const v = params[layout.w2 + j] as number;
    if (inputs === 2) {
      // The classroom's case: two inputs, unrolled (same rounding as the loop: 0 + a === a).
      const w0 = params[row] as number;
      const w1 = params[row + 1] as number;
      for (let p = 0; p < n; p++) act[base + p] = xs[2 * p]! * w0 + xs[2 * p + 1]! * w1 + bias;
    } else {
      for (let p = 0; p < n; p++) act[base + p] = affine(xs, p * inputs, params, row, inputs) + bias;
    }
    activateInPlace(act, base, n, activation);
    for (let p = 0; p < n; p++) logits[p] = logits[p]! + act[base + p]! * v;
  }
  for (let p = 0; p < n; p++) logits[p] = logits[p]! + b2;
}

/** Back-propagates dLoss/dlogit (`dLogits`) into `net.grad`, except dLoss/db2. */
function backwardBatch(net: Mlp, xs: Float64Array, n: number, act: Float64Array, dLogits: Float64Array): void {
  const { inputs, hidden, params, layout, grad, activation } = net;
  if (hidden === 0) {
    for (let i = 0; i < inputs; i++) {
      let g = 0;
      for (let p = 0; p < n; p++) g += dLogits[p]! * xs[p * inputs + i]!;
      grad[layout.w2 + i] = g;
    }
    return;
  }
  if (inputs === 2 && activation === "relu") {
    backwardRelu2(net, xs, n, act, dLogits);
    return;
  }
  for (let j = 0; j < hidden; j++) {
    const base = j * n;
    const v = params[layout.w2 + j] as number;
    // dLoss/dv_j = Σ dlogit·h_j; then turn act into dLoss/dz_j in place (act is rebuilt next pass).
    const row = layout.w1 + j * inputs;
    let gv = 0;
    for (let p = 0; p < n; p++) gv += dLogits[p]! * act[base + p]!;
    grad[layout.w2 + j] = gv;
    activationBackInPlace(act, base, n, activation, dLogits, v);
    let gb = 0;
    for (let p = 0; p < n; p++) gb += act[base + p]!;
    grad[layout.b1 + j] = gb;
    if (inputs === 2) {
      let g0 = 0;
      let g1 = 0;
      for (let p = 0; p < n; p++) {
        const dz = act[base + p]!;
        g0 += dz * xs[2 * p]!;
        g1 += dz * xs[2 * p + 1]!;
      }
      grad[row] = g0;
      grad[row + 1] = g1;
    } else {
      for (let i = 0; i < inputs; i++) {
        let g = 0;
        for (let p = 0; p < n; p++) g += act[base + p]! * xs[p * inputs + i]!;
        grad[row + i] = g;
      }
    }
  }
}

/** Σ x[off+i]·w[row+i] accumulated left to right from 0, as the chapter's `linear`. */
function affine(xs: Float64Array, off: number, w: Float64Array, row: number, inputs: number): number {
  let acc = 0;
  for (let i = 0; i < inputs; i++) acc += xs[off + i]! * w[row + i]!;
  return acc;
}

/** Applies the activation to `buf[base .. base+n)`; one loop per kind keeps the branch out of the loop. */
function activateInPlace(buf: Float64Array, base: number, n: number, activation: Activation): void {
  const end = base + n;
  switch (activation) {
    case "relu":
      for (let k = base; k < end; k++) buf[k] = buf[k]! > 0 ? buf[k]! : 0;
      return;
    case "tanh":
      for (let k = base; k < end; k++) buf[k] = Math.tanh(buf[k]!);
      return;
    case "sigmoid":
      for (let k = base; k < end; k++) buf[k] = logistic(buf[k]!);
      return;
    case "linear":
      return;
  }
}

/**
 * Replaces the activations h in `buf[base .. base+n)` with dLoss/dz = dlogit·v·f′(z), using the
 * derivative written in terms of h: relu 1[h > 0], tanh 1 − h², sigmoid h(1 − h), linear 1.
 */
function activationBackInPlace(
  buf: Float64Array,
  base: number,
  n: number,
  activation: Activation,
  dLogits: Float64Array,
  v: number,
): void {
  switch (activation) {
    case "relu":
      for (let p = 0; p < n; p++) buf[base + p] = buf[base + p]! > 0 ? dLogits[p]! * v : 0;
      return;
    case "tanh":
      for (let p = 0; p < n; p++) {
        const h = buf[base + p]!;
        buf[base + p] = dLogits[p]! * v * (1 - h * h);
      }
      return;
    case "sigmoid":
      for (let p = 0; p < n; p++) {
        const h = buf[base + p]!;
        buf[base + p] = dLogits[p]! * v * (h * (1 - h));
      }
      return;
    case "linear":
      for (let p = 0; p < n; p++) buf[base + p] = dLogits[p]! * v;
      return;
  }
}
