import { describe, expect, it } from "vitest";
import { createCurveBuffer } from "../../../server/realtime/curve-buffer";

describe("curve buffer", () => {
  it("keeps everything below capacity", () => {
    const curve = createCurveBuffer(10);
    for (let step = 0; step < 5; step++) curve.append(step, 1 / (step + 1));
    expect(curve.toPoints(10)).toEqual([
      [0, 1],
      [1, 0.5],
      [2, 1 / 3],
      [3, 0.25],
      [4, 0.2],
    ]);
  });

  it("never exceeds capacity, spreads points evenly and ends with the latest", () => {
    const curve = createCurveBuffer(100);
    for (let step = 0; step < 10_000; step++) curve.append(step, step);
    expect(curve.size).toBeLessThanOrEqual(100);
    const points = curve.toPoints(100);
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points[0]?.[0]).toBe(0);
    expect(points[points.length - 1]).toEqual([9999, 9999]);
    const gaps = points.slice(1, -1).map((point, i) => point[0] - (points[i]?.[0] ?? 0));
    expect(Math.max(...gaps)).toBe(Math.min(...gaps));
  });

  it("downsamples on read and clears", () => {
    const curve = createCurveBuffer(1000);
    for (let step = 0; step < 1000; step++) curve.append(step, 0.5);
    expect(curve.toPoints(200).length).toBeLessThanOrEqual(200);
    curve.clear();
    expect(curve.toPoints(200)).toEqual([]);
  });
});
