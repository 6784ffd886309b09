import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/ml/nn";
import { meanLoss } from "@/lib/ml/nn/loss";
import { expNonPositive } from "@/lib/ml/nn/math";

describe("expNonPositive (the inlinable e^x for x ≤ 0)", () => {
  it("agrees with Math.exp to a few ulp over the whole range", () => {
    const rng = createRng(1);
    for (let i = 0; i < 50_000; i++) {
      // Half the samples where training lives (|x| < 5), half across the full range.
      const x = i % 2 === 0 ? -5 * rng.next() : -708 * rng.next();
      const reference = Math.exp(x);
      expect(Math.abs(expNonPositive(x) - reference) / reference).toBeLessThan(1e-15);
    }
  });

  it("is exact at 0 and underflows to 0, never NaN", () => {
    expect(expNonPositive(0)).toBe(1);
    expect(expNonPositive(-0)).toBe(1);
    expect(expNonPositive(-746)).toBe(0);
    expect(expNonPositive(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(expNonPositive(-740)).toBeGreaterThan(0);
    expect(expNonPositive(-740)).toBeLessThan(1e-320);
  });
});

describe("meanLoss (softplus form, logs summed as one log of a product)", () => {
  /** Oracle: per-point log1p with Math.exp, summed plainly. */
  function reference(logits: Float64Array, ys: Float64Array): number {
    let sum = 0;
    logits.forEach((l, p) => {
      sum += Math.max(l, 0) - l * (ys[p] as number) + Math.log1p(Math.exp(-Math.abs(l)));
    });
    return sum / logits.length;
  }

  function randomBatch(seed: number, n: number, scale: number) {
    const rng = createRng(seed);
    const logits = Float64Array.from({ length: n }, () => scale * rng.normal());
    const ys = Float64Array.from({ length: n }, () => rng.int(2));
    return { logits, ys };
  }

  it("equals the per-point log1p sum for small and large logits and > 512 points", () => {
    // 1e-13 relative: both sides round n additions, so neither is exact to the last ulp.
    for (const [n, scale] of [
      [200, 1],
      [200, 40],
      [5000, 3],
      [3, 1e-9],
      [1000, 1e4],
    ] as const) {
      const { logits, ys } = randomBatch(n, n, scale);
      const expected = reference(logits, ys);
      expect(Math.abs(meanLoss(logits, ys, n, null) - expected)).toBeLessThan(1e-13 * Math.max(1, expected));
    }
  });

  it("keeps tiny losses' relative precision (confident, correct predictions)", () => {
    const logits = Float64Array.from([30, -30, 25, -40]);
    const ys = Float64Array.from([1, 0, 1, 0]);
    const expected = reference(logits, ys); // ≈ 5e-12
    expect(Math.abs(meanLoss(logits, ys, 4, null) - expected) / expected).toBeLessThan(1e-9);
  });

  it("writes dLoss/dlogit = (σ(l) − y) / n, in place if asked", () => {
    const { logits, ys } = randomBatch(3, 50, 4);
    const expected = Array.from(logits, (l, p) => (1 / (1 + Math.exp(-l)) - (ys[p] as number)) / 50);
    const before = reference(logits, ys);
    const loss = meanLoss(logits, ys, 50, logits);
    expect(loss).toBeCloseTo(before, 14);
    logits.forEach((d, p) => {
      expect(d).toBeCloseTo(expected[p] as number, 15);
    });
  });
});
