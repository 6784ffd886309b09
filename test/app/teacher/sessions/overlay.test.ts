import { describe, expect, it } from "vitest";
import { buildOverlay, median1d, sampleCurve } from "@/app/teacher/sessions/[id]/_lib/overlay";

describe("overlay: shared step grid", () => {
  it("samples the last loss at or before each step, null before the first point and past the last", () => {
    expect(sampleCurve([10, 20, 40], [0.7, 0.5, 0.2], [0, 10, 15, 20, 30, 40, 50])).toEqual([null, 0.7, 0.7, 0.5, 0.5, 0.2, null]);
    expect(sampleCurve([], [], [0, 10])).toEqual([null, null]);
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
    expect(overlay.series[1]).toEqual([0.9, 0.9, 0.6, null, null]);
    // At 150 student b has stopped (null) and a, c still hold their step-100 losses.
    expect(overlay.median).toEqual([0.8, 0.8, 0.4, (0.4 + 0.2) / 2, (0.1 + 0.05) / 2]);
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
});
