import { describe, expect, it } from "vitest";
import {
  appendToCurve,
  bucketOf,
  type CurveArrays,
  curveResolution,
  FIRST_EXACT_STEPS,
  type LossPoint,
  sampleCurve,
  thinCurve,
  toArrays,
  toPoints,
} from "@/lib/curve";
import { LIVE_CURVE_RESOLUTION, MAX_CURVE_POINTS } from "@/lib/protocol";

/** An XOR-like curve: a plateau, a sharp drop around step 120, a slow tail; a spike at `spikeAt`. */
function curve(steps: number, spikeAt = -1): LossPoint[] {
  return Array.from(
    { length: steps + 1 },
    (_, s): LossPoint => [
      s,
      0.05 + 0.64 / (1 + Math.exp((s - 120) / 12)) + 0.1 / (1 + s / 500) + (s === spikeAt ? 0.4 : 0),
    ],
  );
}

/** Worst interpolation error over every full step, as a fraction of the loss range. */
function worstError(full: readonly LossPoint[], kept: readonly LossPoint[]): number {
  const losses = full.map(([, loss]) => loss);
  const range = Math.max(...losses) - Math.min(...losses);
  const values = sampleCurve(
    toArrays(kept),
    full.map(([step]) => step),
  );
  return Math.max(...full.map(([, loss], i) => Math.abs((values[i] ?? Number.POSITIVE_INFINITY) - loss))) / range;
}

describe("thinCurve", () => {
  it("keeps a curve that fits as it is", () => {
    const short = curve(300);
    expect(thinCurve(short, 1000)).toEqual(short);
  });

  it("keeps the first 50 steps exactly, the last point, and stays within the budget", () => {
    for (const [steps, budget] of [
      [20_000, 1000],
      [2_000, 1000],
      [20_000, 200],
      [5_000, 500],
    ] as const) {
      const full = curve(steps);
      const thin = thinCurve(full, budget);
      expect(thin.length).toBeLessThanOrEqual(budget);
      expect(thin.slice(0, FIRST_EXACT_STEPS)).toEqual(full.slice(0, FIRST_EXACT_STEPS));
      expect(thin.at(-1)).toEqual(full.at(-1));
      expect(thin.every((point, i) => i === 0 || point[0] > (thin[i - 1]?.[0] ?? -1))).toBe(true);
    }
  });

  it("follows the full curve within 0.1 % of its range at 1,000 points, where an even stride misses the drop", () => {
    const full = curve(20_000);
    expect(worstError(full, thinCurve(full, MAX_CURVE_POINTS))).toBeLessThan(0.001);
    const even = full.filter(([step]) => step % 20 === 0);
    expect(even.length).toBeGreaterThanOrEqual(MAX_CURVE_POINTS);
    expect(worstError(full, even)).toBeGreaterThan(0.02);
  });

  it("keeps a one-step spike: each bucket's maximum survives", () => {
    const full = curve(20_000, 12_345);
    const thin = thinCurve(full, 200);
    expect(thin).toContainEqual(full[12_345]);
  });

  it("treats a non-finite loss as the highest, so a blow-up is never thinned away", () => {
    const full = curve(20_000);
    full[15_000] = [15_000, Number.POSITIVE_INFINITY];
    expect(thinCurve(full, 200)).toContainEqual([15_000, Number.POSITIVE_INFINITY]);
  });
});

describe("appendToCurve (streaming)", () => {
  it("gives the same curve point by point as all at once, and ignores old or repeated steps", () => {
    const full = curve(20_000);
    const live: CurveArrays = { steps: [], losses: [] };
    for (const [step, loss] of full) {
      expect(appendToCurve(live, step, loss, LIVE_CURVE_RESOLUTION)).toBe(true);
      expect(appendToCurve(live, step, 99, LIVE_CURVE_RESOLUTION)).toBe(false);
    }
    expect(toPoints(live)).toEqual(thinCurve(full, LIVE_CURVE_RESOLUTION));
    expect(live.steps.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
  });

  it("thinning an already thinned stream again changes little (Worker → server → dashboard)", () => {
    const full = curve(20_000);
    const once = thinCurve(full, LIVE_CURVE_RESOLUTION);
    const twice = thinCurve(once, LIVE_CURVE_RESOLUTION);
    expect(twice).toEqual(once);
  });
});

describe("buckets", () => {
  it("widen with the step: one per step below 50, then ~1.3 % of the step at the live resolution", () => {
    expect(bucketOf(49, LIVE_CURVE_RESOLUTION)).toBe(49);
    expect(bucketOf(50, LIVE_CURVE_RESOLUTION)).toBe(50);
    const width = (step: number) => {
      let end = step;
      while (bucketOf(end, LIVE_CURVE_RESOLUTION) === bucketOf(step, LIVE_CURVE_RESOLUTION)) end++;
      return end - step;
    };
    expect(width(10_000)).toBeGreaterThan(50);
    expect(width(10_000)).toBeLessThan(200);
    expect(curveResolution(1000, 20_000)).toEqual(LIVE_CURVE_RESOLUTION);
  });
});
