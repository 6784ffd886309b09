/**
 * Resamples every student's loss curve onto one shared step grid for the overlay chart, and the
 * class median on the same grid. uPlot needs aligned data (one x array for all series); curves
 * arrive at each student's own steps, so each is interpolated onto the grid.
 */
import { medianInPlace } from "@/lib/classroom";
import { earlyDenseGrid, sampleCurve } from "@/lib/curve";
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
  // Denser over the first steps, where curves drop: an even grid gives a 20,000-step run's first 200 steps two x positions.
  const steps = earlyDenseGrid(maxStep, gridPoints);
  const series = curves.map((tile) => sampleCurve(tile, steps));
  return { steps, ids: curves.map((tile) => tile.id), series, median: medianAt(series, steps.length) };
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
