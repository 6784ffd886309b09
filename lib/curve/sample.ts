/**
 * Reading curves: the loss at any step by linear interpolation between kept points (what a line
 * chart draws), a curve cut at a step, and step grids to align many curves for one chart.
 */
import type { CurveArrays, LossPoint } from "./point";
import { FIRST_EXACT_STEPS } from "./thin";

/**
 * The curve's loss at each step of `grid` (ascending), linearly interpolated between kept points;
 * null before the first and after the last point (the run had not got there). Exact at kept points.
 */
export function sampleCurve(curve: Readonly<CurveArrays>, grid: readonly number[]): (number | null)[] {
  const { steps, losses } = curve;
  const values: (number | null)[] = new Array(grid.length).fill(null);
  const firstStep = steps[0];
  const lastStep = steps[steps.length - 1];
  if (firstStep === undefined || lastStep === undefined) return values;
  let j = 0;
  for (let i = 0; i < grid.length; i++) {
    const x = grid[i] ?? 0;
    if (x > lastStep) break;
    if (x < firstStep) continue;
    while (j + 1 < steps.length && (steps[j + 1] ?? Number.POSITIVE_INFINITY) <= x) j++;
    const x0 = steps[j] ?? x;
    const y0 = losses[j] ?? 0;
    const x1 = steps[j + 1];
    const y1 = losses[j + 1];
    values[i] = x1 === undefined || y1 === undefined || x === x0 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return values;
}

/** Points as parallel arrays (for {@link sampleCurve} and the charts). */
export function toArrays(points: readonly LossPoint[]): CurveArrays {
  return { steps: points.map((point) => point[0]), losses: points.map((point) => point[1]) };
}

/** The points with step ≤ `step` (the curve as it was when the run reached that step). */
export function cutCurve(points: readonly LossPoint[], step: number): LossPoint[] {
  let end = points.length;
  while (end > 0 && (points[end - 1]?.[0] ?? 0) > step) end -= 1;
  return points.slice(0, end);
}

/** At most `count` whole steps evenly spread over [0, maxStep], ascending, no repeats. */
export function stepGrid(maxStep: number, count: number): number[] {
  if (maxStep <= 0 || count < 2) return [0];
  const grid: number[] = [];
  for (let i = 0; i < count; i++) {
    const step = Math.round((maxStep * i) / (count - 1));
    if (grid[grid.length - 1] !== step) grid.push(step);
  }
  return grid;
}

/**
 * A grid for curves that drop early: `count` steps over [0, maxStep]. When an even grid would space
 * them wider than {@link FIRST_EXACT_STEPS}, a quarter go geometrically over the start instead (an
 * even 200-step grid gives a 20,000-step run's first 200 steps two x positions; this one ~30).
 */
export function earlyDenseGrid(maxStep: number, count: number): number[] {
  if (maxStep / Math.max(1, count - 1) <= FIRST_EXACT_STEPS) return stepGrid(maxStep, count);
  const geometric = Math.floor(count / 4);
  const grid = new Set(stepGrid(maxStep, count - geometric));
  for (let i = 1; i <= geometric; i++) grid.add(Math.round(Math.exp((Math.log(maxStep) * i) / geometric)));
  return [...grid].sort((a, b) => a - b);
}
