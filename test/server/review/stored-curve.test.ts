import { describe, expect, it } from "vitest";
import {
  type CurvePoint,
  cutCurve,
  downsampleCurve,
  parseStoredCurve,
  sampleCurve,
  stepGrid,
} from "@/server/review/stored-curve";

const CURVE: CurvePoint[] = [
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

  it("downsamples to at most n points, keeping both ends", () => {
    const long = Array.from({ length: 1000 }, (_, i): CurvePoint => [i, 1 / (i + 1)]);
    const short = downsampleCurve(long, 50);
    expect(short).toHaveLength(50);
    expect(short[0]).toEqual(long[0]);
    expect(short.at(-1)).toEqual(long.at(-1));
    expect(downsampleCurve(CURVE, 10)).toEqual(CURVE);
  });

  it("samples on a grid by linear interpolation, null outside the curve", () => {
    expect(sampleCurve(CURVE, [0, 50, 100, 150, 200, 250])).toEqual([
      0.7,
      0.6,
      0.5,
      expect.closeTo(0.3, 12),
      0.1,
      null,
    ]);
    expect(sampleCurve([], [0, 1])).toEqual([null, null]);
  });

  it("spreads a grid of whole steps over [0, max]", () => {
    expect(stepGrid(1000, 5)).toEqual([0, 250, 500, 750, 1000]);
    expect(stepGrid(3, 10)).toEqual([0, 1, 2, 3]);
    expect(stepGrid(0, 10)).toEqual([0]);
  });
});
