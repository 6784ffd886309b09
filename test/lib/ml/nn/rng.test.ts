import { describe, expect, it } from "vitest";
import { createRng, NnInputError } from "@/lib/ml/nn";

describe("createRng", () => {
  it("pins the first outputs of createRng(42) (mulberry32), so a change of algorithm is caught", () => {
    const rng = createRng(42);
    expect([rng.next(), rng.next(), rng.next(), rng.next()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693,
    ]);
    // Box–Muller on the next two pairs of draws; Math.log/cos may differ by an ulp across engines.
    expect(rng.normal()).toBeCloseTo(-0.6112802846514629, 14);
    expect(rng.normal()).toBeCloseTo(-0.5658325852126875, 14);
  });

  it("gives uniforms that are multiples of 2^-32 in [0, 1)", () => {
    const rng = createRng(7);
    for (let i = 0; i < 10_000; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      expect(Number.isInteger(u * 2 ** 32)).toBe(true);
    }
  });

  it("repeats for the same seed and differs between seeds", () => {
    const a = createRng(123);
    const b = createRng(123);
    const c = createRng(124);
    const seqA = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(seqA);
  });

  it("reduces any integer seed modulo 2^32", () => {
    expect(createRng(-1).next()).toBe(createRng(2 ** 32 - 1).next());
    expect(createRng(2 ** 32 + 5).next()).toBe(createRng(5).next());
  });

  it("draws normals with mean ≈ 0 and variance ≈ 1", () => {
    const rng = createRng(3);
    const n = 20_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    // Standard errors: 1/√n ≈ 0.007 for the mean, √(2/n) ≈ 0.01 for the variance; allow 4σ.
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.04);
  });

  it("int(n) covers 0…n−1 uniformly", () => {
    const rng = createRng(11);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 10_000; i++) counts[rng.int(5)]! += 1;
    for (const count of counts) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });

  it("rejects a non-integer seed", () => {
    expect(() => createRng(1.5)).toThrow(NnInputError);
    expect(() => createRng(Number.NaN)).toThrow(/seed must be an integer/);
  });
});
