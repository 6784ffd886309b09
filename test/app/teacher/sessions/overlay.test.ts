import { describe, expect, it } from "vitest";
import type { Tile } from "@/app/teacher/sessions/[id]/_lib/dashboard-state";
import { buildOverlay, overlayGridPoints } from "@/app/teacher/sessions/[id]/_lib/overlay";
import { sampleCurve as sampleArrays } from "@/lib/curve";

const sampleCurve = (steps: number[], losses: number[], grid: number[]) => sampleArrays({ steps, losses }, grid);

import { medianInPlace as median1d } from "@/lib/classroom";

/** A tile still training (no config: the median never holds it). */
const training = { status: "training", config: null } as const;

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
        { id: "a", steps: [0, 100, 200], losses: [0.7, 0.4, 0.1], ...training },
        { id: "b", steps: [0, 100], losses: [0.9, 0.6], ...training },
        { id: "c", steps: [0, 100, 200], losses: [0.8, 0.2, 0.05], ...training },
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
    expect(buildOverlay([])).toEqual({ steps: [0], ids: [], series: [], median: [null], groupOf: [], groups: [] });
    expect(buildOverlay([{ id: "a", steps: [0, 2], losses: [1, 0.5], ...training }], 200).steps).toEqual([0, 1, 2]);
  });

  it("median of odd and even lists", () => {
    expect(median1d([3, 1, 2])).toBe(2);
    expect(median1d([4, 1, 3, 2])).toBe(2.5);
    expect(median1d([])).toBeNull();
  });

  it("resamples 300 students with 1,000 points each onto the budgeted grid", () => {
    const tiles = Array.from({ length: 300 }, (_, s) => ({
      ...training,
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

describe("overlay: the class median where runs end", () => {
  // Two fast students finished at step 100 near 0.1; three slow ones are still training at 0.6–0.7.
  const fast = (id: string, final: number) => ({
    id,
    steps: [0, 50, 100],
    losses: [0.7, 0.3, final],
    status: "finished" as const,
    config: null,
  });
  const slow = (id: string, at200: number) => ({ id, steps: [0, 100, 200], losses: [0.7, 0.69, at200], ...training });

  it("holds a finished run at its final loss past its end, while its own line still ends", () => {
    // Three fast students finished at step 100 near 0.1; two slow ones are still on the plateau.
    const overlay = buildOverlay(
      [fast("a", 0.1), fast("b", 0.12), fast("f", 0.11), slow("c", 0.68), slow("d", 0.66)],
      5,
    );
    expect(overlay.steps).toEqual([0, 50, 100, 150, 200]);
    expectValues(overlay.series[0], [0.7, 0.3, 0.1, null, null]);
    // Before: past step 100 the median was of the slow two alone and jumped 0.12 → 0.675, as if the loss rose.
    expectValues(overlay.median, [0.7, 0.3, 0.12, 0.12, 0.12]);
  });

  it("holds a disconnected student whose curve reached the configured steps, not a paused one", () => {
    const config = { steps: 100 } as NonNullable<Tile["config"]>;
    const left = { ...fast("a", 0.1), status: "disconnected" as const, config };
    const paused = { ...fast("b", 0.1), status: "paused" as const, config: { ...config, steps: 2000 } };
    const overlay = buildOverlay([left, paused, slow("c", 0.5)], 5);
    // At step 200: a holds 0.1, b (paused at step 100 of 2,000) has no value, c is at 0.5.
    expect(overlay.median[4]).toBeCloseTo((0.1 + 0.5) / 2, 12);
  });
});

describe("overlay: a long run's early drop", () => {
  it("samples a 20,000-step run densely over its first steps, so the drop is drawn where it happened", () => {
    const steps = Array.from({ length: 20_001 }, (_, i) => i);
    const losses = steps.map((step) => (step < 150 ? 0.69 : 0.05));
    const overlay = buildOverlay([{ id: "a", steps, losses, ...training }], 200);
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
