/**
 * e^x for x ≤ 0 in plain arithmetic, for the hot loops. `Math.exp` is a call into the engine's C
 * library (≈ 15 ns in V8) that JIT code cannot inline; this is a handful of multiply-adds that it
 * can, which roughly halves a training step and a decision map. Being plain arithmetic it also
 * gives the same double in every engine, which `Math.exp` does not promise.
 *
 * Method (as fdlibm): write x = k·ln 2 + r with |r| ≤ ln 2 / 2, evaluate e^r by its Taylor series
 * to degree 13 (truncation < 5e-18 relative), scale by 2^k from a table. Relative error ≈ 2e-16
 * (about 1 ulp) against the true value for x ≥ -708; below that the result underflows gracefully
 * toward 0 through subnormals, and x < -745 gives exactly 0.
 */
export function expNonPositive(x: number): number {
  if (x < EXP_UNDERFLOW) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Horner form of Σ r^i / i!, i = 0…13.
  let poly = C12 + r * C13;
  poly = C11 + r * poly;
  poly = C10 + r * poly;
  poly = C9 + r * poly;
  poly = C8 + r * poly;
  poly = C7 + r * poly;
  poly = C6 + r * poly;
  poly = C5 + r * poly;
  poly = C4 + r * poly;
  poly = C3 + r * poly;
  poly = C2 + r * poly;
  poly = 1 + r * poly;
  poly = 1 + r * poly;
  return poly * (POW2[k + POW2_OFFSET] as number);
}

/** Below this e^x is smaller than half the least subnormal and rounds to 0. */
const EXP_UNDERFLOW = -745.2;
const INV_LN2 = 1.4426950408889634;
/** ln 2 split so k·LN2_HI is exact for |k| < 2^20 (fdlibm's constants). */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
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
