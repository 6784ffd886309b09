import { describe, expect, it } from "vitest";
import { buildOverlay, overlayGridPoints } from "@/app/teacher/sessions/[id]/_lib/overlay";
import { sampleCurve as sampleArrays } from "@/lib/curve";

const sampleCurve = (steps: number[], losses: number[], grid: number[]) => sampleArrays({ steps, losses }, grid);

import { medianInPlace as median1d } from "@/lib/classroom";

/** Element-wise equality to 1e-12, nulls exactly. */
function expectValues(actual: readonly (number | null)[] | undefined, expected: readonly (number | null)[]): void {
  expect(actual?.length).toBe(expected.length);
  expected.forEach((value, i) => {
    if (value === null) expect(actual?.[i]).toBeNull();
    else expect(actual?.[i]).toBeCloseTo(value, 12);
  });
}

describe("overlay: shared step grid", () => {
  it("interpolates between a student's points, null before the first point and past the last", () => {
    expectValues(sampleCurve([10, 20, 40], [0.7, 0.5, 0.2], [0, 10, 15, 20, 30, 40, 50]), [
      null,
      0.7,
      0.6,
      0.5,
      0.35,
      0.2,
      null,
    ]);
    expectValues(sampleCurve([], [], [0, 10]), [null, null]);
  });

  it("spans the longest run with at most the grid's points and draws the median", () => {
    const overlay = buildOverlay(
      [
        { id: "a", steps: [0, 100, 200], losses: [0.7, 0.4, 0.1] },
        { id: "b", steps: [0, 100], losses: [0.9, 0.6] },
        { id: "c", steps: [0, 100, 200], losses: [0.8, 0.2, 0.05] },
      ],
      5,
    );
    expect(overlay.steps).toEqual([0, 50, 100, 150, 200]);
    expect(overlay.ids).toEqual(["a", "b", "c"]);
    expectValues(overlay.series[1], [0.9, 0.75, 0.6, null, null]);
    // From step 150 student b has no value (their run is not there yet): the median is of a and c.
    expectValues(overlay.median, [0.8, 0.55, 0.4, (0.25 + 0.125) / 2, (0.1 + 0.05) / 2]);
  });

  it("handles an empty class and very short runs", () => {
    expect(buildOverlay([])).toEqual({ steps: [0], ids: [], series: [], median: [null] });
    expect(buildOverlay([{ id: "a", steps: [0, 2], losses: [1, 0.5] }], 200).steps).toEqual([0, 1, 2]);
  });

  it("median of odd and even lists", () => {
    expect(median1d([3, 1, 2])).toBe(2);
    expect(median1d([4, 1, 3, 2])).toBe(2.5);
    expect(median1d([])).toBeNull();
  });

  it("resamples 300 students with 1,000 points each onto the budgeted grid", () => {
    const tiles = Array.from({ length: 300 }, (_, s) => ({
      id: `p${s}`,
      steps: Array.from({ length: 1000 }, (_, i) => i * (2 + (s % 3))),
      losses: Array.from({ length: 1000 }, (_, i) => 0.7 / (1 + i / 100)),
    }));
    const overlay = buildOverlay(tiles);
    expect(overlay.steps.length).toBe(overlayGridPoints(300));
    expect(overlay.series.length).toBe(300);
    expect(overlay.median.every((value) => value !== null)).toBe(true);
  });
});

describe("overlay: a long run's early drop", () => {
  it("samples a 20,000-step run densely over its first steps, so the drop is drawn where it happened", () => {
    const steps = Array.from({ length: 20_001 }, (_, i) => i);
    const losses = steps.map((step) => (step < 150 ? 0.69 : 0.05));
    const overlay = buildOverlay([{ id: "a", steps, losses }], 200);
    expect(overlay.steps.length).toBeLessThanOrEqual(200);
    const early = overlay.steps.filter((step) => step > 0 && step < 150);
    // An even grid put no x position between step 0 and the drop at 150 (its first was step 101: loss 0.69 → 0.05 reads as a slope to 201).
    expect(early.length).toBeGreaterThanOrEqual(20);
    const at = (step: number) => overlay.series[0]?.[overlay.steps.indexOf(step)];
    expect(at(early.at(-1) ?? 0)).toBe(0.69);
  });
});

describe("overlay: grid budget", () => {
  it("keeps 200 x positions for a normal class and shrinks for a big one", () => {
    expect(overlayGridPoints(30)).toBe(200);
    expect(overlayGridPoints(300)).toBe(100);
    expect(overlayGridPoints(5000)).toBe(30);
  });
});
