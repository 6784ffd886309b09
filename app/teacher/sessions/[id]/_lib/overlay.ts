/**
 * Resamples every student's loss curve onto one shared step grid for the overlay chart, and the
 * class median on the same grid. uPlot needs aligned data (one x array for all series); curves
 * arrive at each student's own steps, so each is interpolated onto the grid.
 */
import { medianInPlace } from "@/lib/classroom";
import type { Tile } from "./dashboard-state";

/** X positions on the shared grid at most: a projector chart is ~1,000 px wide. */
export const OVERLAY_GRID_POINTS = 200;
/** But fewer for a big class: uPlot redraws ~30k points well inside one 16 ms frame budget ×2. */
export const OVERLAY_MAX_TOTAL_POINTS = 30_000;
/** Even a 1,000-student class keeps enough x positions to show a plateau and a drop. */
export const OVERLAY_MIN_GRID_POINTS = 30;

/** Grid size for a class of `students`: 200 up to 150 students, then fewer (300 → 100). */
export function overlayGridPoints(students: number): number {
  const budget = Math.floor(OVERLAY_MAX_TOTAL_POINTS / Math.max(1, students));
  return Math.max(OVERLAY_MIN_GRID_POINTS, Math.min(OVERLAY_GRID_POINTS, budget));
}

/** Aligned data for the overlay: `series[i]` belongs to `ids[i]`, `median` to the class. */
export type Overlay = {
  steps: number[];
  ids: string[];
  series: (number | null)[][];
  median: (number | null)[];
};

/**
 * Builds the overlay. A student's value is null before their first point and past their last
 * step (their run has not got there), so a line never claims a loss nobody measured.
 *
 * @example
 * buildOverlay(tiles).median // the class median loss at each grid step
 */
export function buildOverlay(tiles: Iterable<Pick<Tile, "id" | "steps" | "losses">>, maxGridPoints?: number): Overlay {
  const curves = [...tiles];
  const gridPoints = maxGridPoints ?? overlayGridPoints(curves.length);
  let maxStep = 0;
  for (const tile of curves) maxStep = Math.max(maxStep, tile.steps[tile.steps.length - 1] ?? 0);
  const steps = grid(maxStep, gridPoints);
  const series = curves.map((tile) => sampleCurve(tile.steps, tile.losses, steps));
  return { steps, ids: curves.map((tile) => tile.id), series, median: medianAt(series, steps.length) };
}

/** Evenly spaced integer steps from 0 to `maxStep` inclusive, at most `points` of them. */
function grid(maxStep: number, points: number): number[] {
  if (maxStep <= 0) return [0];
  const count = Math.min(points, maxStep + 1);
  const steps: number[] = [];
  for (let i = 0; i < count; i++) steps.push(Math.round((i * maxStep) / (count - 1)));
  return steps;
}

/**
 * Each student's loss at each grid step, linearly interpolated between their two nearest points
 * (a step-function would draw stairs where points are sparser than the grid); one pass over
 * both ascending arrays.
 */
export function sampleCurve(
  curveSteps: readonly number[],
  losses: readonly number[],
  gridSteps: readonly number[],
): (number | null)[] {
  const values: (number | null)[] = new Array(gridSteps.length).fill(null);
  const firstStep = curveSteps[0];
  const lastStep = curveSteps[curveSteps.length - 1];
  if (firstStep === undefined || lastStep === undefined) return values;
  let j = 0;
  for (let i = 0; i < gridSteps.length; i++) {
    const x = gridSteps[i] ?? 0;
    if (x > lastStep) break;
    if (x < firstStep) continue;
    while (j + 1 < curveSteps.length && (curveSteps[j + 1] ?? Number.POSITIVE_INFINITY) <= x) j++;
    const x0 = curveSteps[j] ?? x;
    const y0 = losses[j] ?? 0;
    const x1 = curveSteps[j + 1];
    const y1 = losses[j + 1];
    values[i] = x1 === undefined || y1 === undefined || x1 === x0 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return values;
}

/** The median of the non-null values at each x; null where nobody has a value. */
function medianAt(series: readonly (number | null)[][], length: number): (number | null)[] {
  const median: (number | null)[] = [];
  const column: number[] = [];
  for (let i = 0; i < length; i++) {
    column.length = 0;
    for (const values of series) {
      const value = values[i];
      if (value !== null && value !== undefined) column.push(value);
    }
    median.push(medianInPlace(column));
  }
  return median;
}
