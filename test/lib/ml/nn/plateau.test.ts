import { describe, expect, it } from "vitest";
import { judgePlateau, PLATEAU_END_RATIO, PLATEAU_FRACTION, PLATEAU_TOLERANCE } from "@/lib/ml/nn";

/** A curve of `steps` steps (steps + 1 losses): flat at `start` for `flat` steps, then linear to `end`. */
function curve(steps: number, flat: number, start: number, end: number): number[] {
  return Array.from({ length: steps + 1 }, (_, i) =>
    i <= flat ? start : start + ((end - start) * (i - flat)) / (steps - flat),
  );
}

describe("judgePlateau", () => {
  it("uses the issue's numbers: 10 % band, 5 % of the steps, below half at the end", () => {
    expect([PLATEAU_TOLERANCE, PLATEAU_FRACTION, PLATEAU_END_RATIO]).toEqual([0.1, 0.05, 0.5]);
  });

  it("accepts a curve flat for 250 of 2,000 steps that ends low, and measures the flat part", () => {
    const verdict = judgePlateau(curve(2_000, 250, Math.LN2, 0.01));
    expect(verdict).toMatchObject({ isFlatStart: true, isDropped: true, isPlateau: true });
    // The straight descent leaves the ±10 % band a few steps after 250: 0.0693 / (0.683 / 1750) ≈ 177 steps later.
    expect(verdict.flatSteps).toBeGreaterThan(250);
    expect(verdict.flatSteps).toBeLessThan(250 + 180);
  });

  it("needs the band kept for exactly the first 5 % of the steps: 100 of 2,000", () => {
    // A drop just outside the band right after step k.
    const dropAfter = (k: number) => Array.from({ length: 2_001 }, (_, i) => (i <= k ? 1 : 0.2));
    expect(judgePlateau(dropAfter(100))).toMatchObject({ isFlatStart: true, isPlateau: true, flatSteps: 100 });
    expect(judgePlateau(dropAfter(99))).toMatchObject({ isFlatStart: false, isPlateau: false, flatSteps: 99 });
  });

  it("counts a wobble inside ±10 % as flat and one just outside as the end of the plateau", () => {
    const wobble = Array.from({ length: 1_001 }, (_, i) => (i === 0 ? 1 : i < 200 ? (i % 2 ? 1.0999 : 0.9001) : 0.1));
    expect(judgePlateau(wobble)).toMatchObject({ isPlateau: true, flatSteps: 199 });
    const out: number[] = [...wobble];
    out[30] = 1.1001;
    expect(judgePlateau(out)).toMatchObject({ isFlatStart: false, flatSteps: 29 });
  });

  it("refuses a vertical drop (He init's XOR) and a curve that never falls below half", () => {
    // Down by a factor e every 10 steps: out of the band after 2, done long before step 100.
    const vertical = Array.from({ length: 2_001 }, (_, i) => Math.LN2 * Math.exp(-i / 10));
    expect(judgePlateau(vertical)).toMatchObject({ isFlatStart: false, isDropped: true, flatSteps: 1 });
    const stuck = curve(2_000, 2_000, Math.LN2, Math.LN2);
    expect(judgePlateau(stuck)).toMatchObject({
      isFlatStart: true,
      isDropped: false,
      isPlateau: false,
      flatSteps: 2_000,
    });
    // Exactly half is not below half.
    expect(judgePlateau(curve(2_000, 500, 1, 0.5)).isDropped).toBe(false);
  });

  it("never shows a plateau on a curve that blew up, is empty or has one point", () => {
    const blown = curve(2_000, 300, Math.LN2, 0.01);
    blown[2_000] = Number.NaN;
    expect(judgePlateau(blown).isPlateau).toBe(false);
    const infinite = curve(2_000, 300, Math.LN2, 0.01);
    infinite[50] = Number.POSITIVE_INFINITY;
    expect(judgePlateau(infinite)).toMatchObject({ isFlatStart: false, flatSteps: 49 });
    expect(judgePlateau([]).isPlateau).toBe(false);
    expect(judgePlateau([0.69]).isPlateau).toBe(false);
    expect(judgePlateau(new Float64Array([Number.NaN, 0.1])).isPlateau).toBe(false);
  });
});
