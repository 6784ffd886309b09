import { describe, expect, it } from "vitest";
import { cutCurve, earlyDenseGrid, type LossPoint, sampleCurve, stepGrid, toArrays } from "@/lib/curve";
import { parseStoredCurve } from "@/server/review/stored-curve";

const CURVE: LossPoint[] = [
  [0, 0.7],
  [100, 0.5],
  [200, 0.1],
];

describe("stored curves", () => {
  it("parses the stored shape and turns anything else into an empty curve", () => {
    expect(parseStoredCurve([[0, 0.7]])).toEqual([[0, 0.7]]);
    expect(parseStoredCurve([[0, "x"]])).toEqual([]);
    expect(parseStoredCurve(null)).toEqual([]);
  });

  it("cuts at a step, keeping the points at or before it", () => {
    expect(cutCurve(CURVE, 150)).toEqual(CURVE.slice(0, 2));
    expect(cutCurve(CURVE, 200)).toEqual(CURVE);
    expect(cutCurve(CURVE, -1)).toEqual([]);
  });

  it("samples on a grid by linear interpolation, null outside the curve", () => {
    expect(sampleCurve(toArrays(CURVE), [0, 50, 100, 150, 200, 250])).toEqual([
      0.7,
      0.6,
      0.5,
      expect.closeTo(0.3, 12),
      0.1,
      null,
    ]);
    expect(sampleCurve(toArrays([]), [0, 1])).toEqual([null, null]);
  });

  it("spreads a grid of whole steps over [0, max]", () => {
    expect(stepGrid(1000, 5)).toEqual([0, 250, 500, 750, 1000]);
    expect(stepGrid(3, 10)).toEqual([0, 1, 2, 3]);
    expect(stepGrid(0, 10)).toEqual([0]);
  });

  it("packs extra grid steps into the start of a long run, ascending, within [0, max]", () => {
    const grid = earlyDenseGrid(20_000, 200);
    expect(grid[0]).toBe(0);
    expect(grid.at(-1)).toBe(20_000);
    expect(grid.length).toBeLessThanOrEqual(200);
    expect(grid.every((step, i) => i === 0 || step > (grid[i - 1] ?? -1))).toBe(true);
    // An even 200-point grid has 2 steps in the first 200; this one has many more.
    expect(grid.filter((step) => step > 0 && step < 200).length).toBeGreaterThanOrEqual(20);
    expect(earlyDenseGrid(0, 200)).toEqual([0]);
    expect(earlyDenseGrid(3, 200)).toEqual([0, 1, 2, 3]);
  });
});
