import { describe, expect, it } from "vitest";
import { classMedian } from "@/lib/classroom";

describe("classMedian", () => {
  it("counts an ended run at its final loss past its end, and a live one only where it has values", () => {
    const ended = { values: [0.7, 0.1, null, null], heldLoss: 0.1 };
    const live = { values: [0.9, 0.6, 0.5, null], heldLoss: null };
    const other = { values: [0.8, 0.7, 0.6, 0.55], heldLoss: null };
    expect(classMedian([ended, live, other], 4)).toEqual([0.8, 0.6, 0.5, (0.1 + 0.55) / 2]);
  });

  it("holds nothing before a run's first value, nor a run stopped early, nor a non-finite end", () => {
    const late = { values: [null, 0.4, 0.3], heldLoss: 0.3 };
    const stopped = { values: [0.5, null, null], heldLoss: null };
    const diverged = { values: [0.6, Number.NaN, null], heldLoss: Number.NaN };
    const result = classMedian([late, stopped, diverged], 3);
    expect(result[0]).toBeCloseTo((0.5 + 0.6) / 2, 12);
    expect(result[2]).toBe(0.3);
    expect(classMedian([], 2)).toEqual([null, null]);
  });
});
