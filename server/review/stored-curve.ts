import { z } from "zod";

/**
 * Loss curves as the database keeps them (Run.curve: [[step, loss], …], ≤ 1,000 points, steps
 * ascending) and the few operations the review needs on them. Pure, so the replay's numbers are
 * tested without a database.
 */
export type CurvePoint = [step: number, loss: number];

const storedCurveSchema = z.array(z.tuple([z.number(), z.number()]));

/** A stored curve, or [] for anything malformed: a bad row must not break a whole review. */
export function parseStoredCurve(value: unknown): CurvePoint[] {
  const parsed = storedCurveSchema.safeParse(value);
  return parsed.success ? (parsed.data as CurvePoint[]) : [];
}

/** The points with step ≤ `step` (the curve as it was when the run reached that step). */
export function cutCurve(curve: readonly CurvePoint[], step: number): CurvePoint[] {
  let end = curve.length;
  while (end > 0 && (curve[end - 1]?.[0] ?? 0) > step) end -= 1;
  return curve.slice(0, end);
}

/**
 * At most `maxPoints` points, evenly spaced by index, always keeping the first and the last, so a
 * downsampled curve starts and ends where the run did.
 */
export function downsampleCurve(curve: readonly CurvePoint[], maxPoints: number): CurvePoint[] {
  if (curve.length <= maxPoints) return curve.slice();
  if (maxPoints < 2) return curve.slice(-1);
  const result: CurvePoint[] = [];
  const stride = (curve.length - 1) / (maxPoints - 1);
  for (let i = 0; i < maxPoints; i++) {
    const point = curve[Math.round(i * stride)];
    if (point) result.push(point);
  }
  return result;
}

/**
 * The curve's loss at each step of `grid`, linearly interpolated between stored points; null
 * before the first and after the last point (the run had not got there). Both ascending.
 */
export function sampleCurve(curve: readonly CurvePoint[], grid: readonly number[]): (number | null)[] {
  const values: (number | null)[] = [];
  let j = 0;
  for (const step of grid) {
    const first = curve[0];
    const last = curve.at(-1);
    if (!first || !last || step < first[0] || step > last[0]) {
      values.push(null);
      continue;
    }
    while (j < curve.length - 1 && (curve[j + 1]?.[0] ?? Number.POSITIVE_INFINITY) < step) j += 1;
    const [s0, l0] = curve[j] ?? first;
    const [s1, l1] = curve[j + 1] ?? curve[j] ?? first;
    // Exact at stored points (no rounding from the interpolation), linear between them.
    values.push(step === s1 ? l1 : s1 === s0 ? l0 : l0 + ((l1 - l0) * (step - s0)) / (s1 - s0));
  }
  return values;
}

/** `count` steps evenly spread over [0, maxStep] (whole numbers, no repeats). */
export function stepGrid(maxStep: number, count: number): number[] {
  if (maxStep <= 0) return [0];
  const grid: number[] = [];
  for (let i = 0; i < count; i++) {
    const step = Math.round((maxStep * i) / (count - 1));
    if (grid.at(-1) !== step) grid.push(step);
  }
  return grid;
}
