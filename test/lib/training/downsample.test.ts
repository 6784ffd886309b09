import { describe, expect, it } from "vitest";
import { type LossPoint, MAX_CURVE_POINTS } from "../../../lib/protocol";
import { downsamplePoints, evenIndices } from "../../../lib/training";

describe("evenIndices", () => {
  it("keeps everything when it fits", () => {
    expect(evenIndices(3, 7, 10)).toEqual([3, 4, 5, 6]);
  });

  it("thins evenly to the bound, keeping the first and the last, strictly increasing", () => {
    for (const [from, to, max] of [
      [0, 20_001, 1000],
      [5, 38, 32],
      [0, 1001, 1000],
      [10, 12, 2],
      [0, 100, 3],
    ] as const) {
      const indices = evenIndices(from, to, max);
      expect(indices.length).toBe(Math.min(max, to - from));
      expect(indices[0]).toBe(from);
      expect(indices[indices.length - 1]).toBe(to - 1);
      for (let i = 1; i < indices.length; i++) expect(indices[i]).toBeGreaterThan(indices[i - 1] ?? -1);
    }
  });

  it("keeps only the last index when one is allowed, nothing for an empty range", () => {
    expect(evenIndices(0, 50, 1)).toEqual([49]);
    expect(evenIndices(4, 4, 10)).toEqual([]);
  });
});

describe("downsamplePoints", () => {
  it("thins a 20,001-point curve to ≤ 1,000 points from step 0 to the last step", () => {
    const curve: LossPoint[] = Array.from({ length: 20_001 }, (_, step) => [step, 1 / (step + 1)]);
    const thinned = downsamplePoints(curve, MAX_CURVE_POINTS);
    expect(thinned.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(thinned[0]).toEqual([0, 1]);
    expect(thinned[thinned.length - 1]).toEqual([20_000, 1 / 20_001]);
  });
});
