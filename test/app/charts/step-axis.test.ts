import { describe, expect, it } from "vitest";
import { STEP_AXIS_INCREMENTS } from "@/app/_components/charts/step-axis";

describe("step axis", () => {
  it("ticks at whole steps only, from 1 up past a 20,000-step run", () => {
    // uPlot puts ticks at multiples of one of these: a fraction here drew ticks at 0.5 and 1.5 on a 3-step curve.
    for (const increment of STEP_AXIS_INCREMENTS) expect(Number.isInteger(increment) && increment >= 1).toBe(true);
    expect(STEP_AXIS_INCREMENTS[0]).toBe(1);
    expect([...STEP_AXIS_INCREMENTS].sort((a, b) => a - b)).toEqual(STEP_AXIS_INCREMENTS);
    expect(STEP_AXIS_INCREMENTS.at(-1)).toBeGreaterThanOrEqual(20_000);
  });
});
