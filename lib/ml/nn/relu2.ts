import type { Mlp } from "./mlp";

/**
 * The classroom's hot path — two inputs, ReLU hidden units — written out by hand. Units are swept
 * two at a time so each point's coordinates, logit and dLoss/dlogit are loaded once per pair
 * rather than once per unit; a trailing odd unit gets its own sweep. The arithmetic order per
 * point is the same as the generic path's (and so the chapter's `mlpForward`).
 */

/** Writes hidden activations into `act` ([hidden][n]) and logits into `logits`. */
export function forwardRelu2(net: Mlp, xs: Float64Array, n: number, act: Float64Array, logits: Float64Array): void {
  const { hidden, params, layout } = net;
  logits.fill(0, 0, n);
  let j = 0;
  for (; j + 1 < hidden; j += 2) {
    const a0 = params[layout.w1 + 2 * j]!;
    const a1 = params[layout.w1 + 2 * j + 1]!;
    const aBias = params[layout.b1 + j]!;
    const aOut = params[layout.w2 + j]!;
    const c0 = params[layout.w1 + 2 * j + 2]!;
    const c1 = params[layout.w1 + 2 * j + 3]!;
    const cBias = params[layout.b1 + j + 1]!;
    const cOut = params[layout.w2 + j + 1]!;
    const aBase = j * n;
    const cBase = aBase + n;
    for (let p = 0; p < n; p++) {
      const x = xs[2 * p]!;
      const y = xs[2 * p + 1]!;
      const za = x * a0 + y * a1 + aBias;
      const zc = x * c0 + y * c1 + cBias;
      const ha = za > 0 ? za : 0;
      const hc = zc > 0 ? zc : 0;
      act[aBase + p] = ha;
      act[cBase + p] = hc;
      logits[p] = logits[p]! + ha * aOut + hc * cOut;
    }
  }
  if (j < hidden) {
    const a0 = params[layout.w1 + 2 * j]!;
    const a1 = params[layout.w1 + 2 * j + 1]!;
    const aBias = params[layout.b1 + j]!;
    const aOut = params[layout.w2 + j]!;
    const aBase = j * n;
    for (let p = 0; p < n; p++) {
      const za = xs[2 * p]! * a0 + xs[2 * p + 1]! * a1 + aBias;
      const ha = za > 0 ? za : 0;
      act[aBase + p] = ha;
      logits[p] = logits[p]! + ha * aOut;
    }
  }
  const b2 = params[layout.b2]!;
  for (let p = 0; p < n; p++) logits[p] = logits[p]! + b2;
}

/**
 * Writes dLoss/d(W1, b1, W2) into `net.grad` from the activations and dLoss/dlogit (`dLogits`).
 * For unit j with outgoing weight v: dL/dv = Σ d·h, and over the points where the unit is active
 * dL/db = v·Σ d, dL/dw = v·Σ d·x — v factors out, so it is applied once per unit.
 */
export function backwardRelu2(net: Mlp, xs: Float64Array, n: number, act: Float64Array, dLogits: Float64Array): void {
  const hidden = net.hidden;
  let j = 0;
  for (; j + 1 < hidden; j += 2) {
    const aBase = j * n;
    const cBase = aBase + n;
    let aOut = 0;
    let aBias = 0;
    let a0 = 0;
    let a1 = 0;
    let cOut = 0;
    let cBias = 0;
    let c0 = 0;
    let c1 = 0;
    for (let p = 0; p < n; p++) {
      const d = dLogits[p]!;
      const x = xs[2 * p]!;
      const y = xs[2 * p + 1]!;
      const ha = act[aBase + p]!;
      const hc = act[cBase + p]!;
      aOut += d * ha;
      cOut += d * hc;
      if (ha > 0) {
        aBias += d;
        a0 += d * x;
        a1 += d * y;
      }
      if (hc > 0) {
        cBias += d;
        c0 += d * x;
        c1 += d * y;
      }
    }
    writeUnitGrad(net, j, aOut, aBias, a0, a1);
    writeUnitGrad(net, j + 1, cOut, cBias, c0, c1);
  }
  if (j < hidden) {
    const aBase = j * n;
    let aOut = 0;
    let aBias = 0;
    let a0 = 0;
    let a1 = 0;
    for (let p = 0; p < n; p++) {
      const d = dLogits[p]!;
      const ha = act[aBase + p]!;
      aOut += d * ha;
      if (ha > 0) {
        aBias += d;
        a0 += d * xs[2 * p]!;
        a1 += d * xs[2 * p + 1]!;
      }
    }
    writeUnitGrad(net, j, aOut, aBias, a0, a1);
  }
}

function writeUnitGrad(net: Mlp, j: number, sumDH: number, sumD: number, sumDX: number, sumDY: number): void {
  const { params, layout, grad } = net;
  const v = params[layout.w2 + j]!;
  grad[layout.w2 + j] = sumDH;
  grad[layout.b1 + j] = v * sumD;
  grad[layout.w1 + 2 * j] = v * sumDX;
  grad[layout.w1 + 2 * j + 1] = v * sumDY;
}
