/**
 * e^x for x ≤ 0 in plain arithmetic, for the hot loops. `Math.exp` is a call into the engine's C
 * library (≈ 15 ns in V8) that JIT code cannot inline; this is a handful of multiply-adds that it
 * can, which roughly halves a training step and a decision map. Being plain arithmetic it also
 * gives the same double in every engine, which `Math.exp` does not promise.
 *
 * Method (as fdlibm): write x = k·ln 2 + r with |r| ≤ ln 2 / 2, evaluate e^r by its Taylor series
 * to degree 13 (truncation < 5e-18 relative), scale by 2^k from a table. Relative error < 5e-16
 * (2 ulp) against the true value for x ≥ -708; below that the result underflows gracefully
 * toward 0 through subnormals, and x < -745 gives exactly 0.
 */
export function expNonPositive(x: number): number {
  if (x < EXP_UNDERFLOW) return 0;
  // Round x / ln 2 to the nearest integer by adding and removing 1.5·2^52 (no call, no branch).
  const k = x * INV_LN2 + ROUNDING_SHIFTER - ROUNDING_SHIFTER;
  const r = x - k * LN2_HI - k * LN2_LO;
  // Σ r^i / i! for i = 0…13 in Estrin's form: the same terms as Horner's, but grouped so the
  // multiply-adds form a tree four deep instead of a chain thirteen long.
  const r2 = r * r;
  const r4 = r2 * r2;
  const low = 1 + r + r2 * (C2 + r * C3);
  const mid = C4 + r * C5 + r2 * (C6 + r * C7);
  const high = C8 + r * C9 + r2 * (C10 + r * C11) + r4 * (C12 + r * C13);
  return (low + r4 * (mid + r4 * high)) * (POW2[k + POW2_OFFSET] as number);
}

/** Below this e^x is smaller than half the least subnormal and rounds to 0. */
const EXP_UNDERFLOW = -745.2;
const INV_LN2 = Math.LOG2E;
/** 1.5·2^52: adding it leaves no fraction bits, so the FPU rounds to the nearest integer. */
const ROUNDING_SHIFTER = 6755399441055744;
/** ln 2 split so k·LN2_HI is exact for |k| < 2^20 (fdlibm's constants). */
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const C2 = 1 / 2;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;
const C7 = 1 / 5040;
const C8 = 1 / 40320;
const C9 = 1 / 362880;
const C10 = 1 / 3628800;
const C11 = 1 / 39916800;
const C12 = 1 / 479001600;
const C13 = 1 / 6227020800;

/** 2^k for k = -1076…0 at index k + 1076; 2 ** k is exact for every such k. */
const POW2_OFFSET = 1076;
const POW2 = (() => {
  const table = new Float64Array(POW2_OFFSET + 1);
  for (let k = -POW2_OFFSET; k <= 0; k++) table[k + POW2_OFFSET] = 2 ** k;
  return table;
})();
