import { expNonPositive } from "./math";

/**
 * The mean binary cross-entropy of sigmoid outputs, from logits, in the stable softplus form.
 *
 * Per point with logit l and label y the loss is softplus(l) − y·l, which equals
 * −[y·ln σ(l) + (1−y)·ln(1−σ(l))] but never overflows: softplus(l) = max(l, 0) + ln(1 + e^−|l|).
 * Its derivative is σ(l) − y.
 *
 * Speed: a `Math.log1p` per point costs more than the rest of a training step's output layer, so
 * the ln(1 + e) terms are summed as the log of their product, one `Math.log` per 512 points
 * (each factor is in (1, 2], so the product stays below 2^512). Terms with e < 2^-20 would lose
 * their low bits inside 1 + e, so they are summed directly as e − e²/2 (error < e³/3). The total
 * is accurate to about 1e-16 per point, absolute.
 */

/** Below this, ln(1 + e) is summed as e − e²/2 instead of entering the product. */
const SMALL_TERM = 2 ** -20;
/** Factors multiplied before a logarithm is taken; 2^512 is far inside the double range. */
const PRODUCT_CHUNK = 512;

/**
 * Returns the mean loss over the first `n` logits. When `dLogits` is given, also writes each
 * point's dLoss/dlogit, (σ(l) − y) / n, into it (it may be the `logits` array itself).
 */
export function meanLoss(logits: Float64Array, ys: Float64Array, n: number, dLogits: Float64Array | null): number {
  const invN = 1 / n;
  let linearSum = 0;
  let smallSum = 0;
  let logSum = 0;
  let product = 1;
  let inChunk = 0;
  for (let p = 0; p < n; p++) {
    const l = logits[p]!;
    const y = ys[p]!;
    const e = expNonPositive(-Math.abs(l));
    linearSum += (l > 0 ? l : 0) - l * y;
    if (e < SMALL_TERM) {
      smallSum += e - 0.5 * e * e;
    } else {
      product *= 1 + e;
      if (++inChunk === PRODUCT_CHUNK) {
        logSum += Math.log(product);
        product = 1;
        inChunk = 0;
      }
    }
    if (dLogits !== null) {
      const sigma = l >= 0 ? 1 / (1 + e) : e / (1 + e);
      dLogits[p] = (sigma - y) * invN;
    }
  }
  return (linearSum + smallSum + (logSum + Math.log(product))) / n;
}

/** σ(z) = 1 / (1 + e^−z); for very negative z, e^−z overflows to ∞ and the result is 0, not NaN. */
export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
