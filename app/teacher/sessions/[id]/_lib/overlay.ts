/**
 * Resamples every student's loss curve onto one shared step grid for the overlay chart, and the
 * class median on the same grid. uPlot needs aligned data (one x array for all series); curves
 * arrive at each student's own steps, so each is interpolated onto the grid.
 */
import { classMedian, PARTICIPANT_STATUS } from "@/lib/classroom";
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

/** One group's median on the overlay's grid (a group experiment), with its students. */
export type GroupMedian = { index: number; students: number; median: (number | null)[] };

/**
 * Aligned data for the overlay: `series[i]` belongs to `ids[i]` (in group `groupOf[i]`), `median`
 * to the class, `groups` to each group of a group experiment (empty without one), in group order.
 */
export type Overlay = {
  steps: number[];
  ids: string[];
  series: (number | null)[][];
  median: (number | null)[];
  groupOf: (number | null)[];
  groups: GroupMedian[];
};

/** What the overlay reads of a tile. */
export type OverlayTile = Pick<Tile, "id" | "steps" | "losses" | "status" | "config"> & Partial<Pick<Tile, "group">>;

/**
 * Builds the overlay. A student's value is null before their first point and past their last
 * step (their run has not got there), so a line never claims a loss nobody measured. The median
 * holds an ended run at its final loss past its end (see classMedian).
 *
 * @example
 * buildOverlay(tiles).median // the class median loss at each grid step
 */
export function buildOverlay(tiles: Iterable<OverlayTile>, maxGridPoints?: number): Overlay {
  const curves = [...tiles];
  const gridPoints = maxGridPoints ?? overlayGridPoints(curves.length);
  let maxStep = 0;
  for (const tile of curves) maxStep = Math.max(maxStep, tile.steps[tile.steps.length - 1] ?? 0);
  // Denser over the first steps, where curves drop: an even grid gives a 20,000-step run's first 200 steps two x positions.
  const steps = earlyDenseGrid(maxStep, gridPoints);
  const series = curves.map((tile) => sampleCurve(tile, steps));
  const held = series.map((values, i) => ({ values, heldLoss: heldLossOf(curves[i]) }));
  const median = classMedian(held, steps.length);
  const groupOf = curves.map((tile) => tile.group ?? null);
  // The same one median, over each group's students: the group experiment's comparison.
  const indexes = [...new Set(groupOf.filter((group) => group !== null))].sort((a, b) => a - b);
  const groups = indexes.map((index) => {
    const members = held.filter((_, i) => groupOf[i] === index);
    return { index, students: members.length, median: classMedian(members, steps.length) };
  });
  return { steps, ids: curves.map((tile) => tile.id), series, median, groupOf, groups };
}

/**
 * The final loss of a tile whose run is over, else null: it finished or diverged, or its curve
 * reached the configured steps (a student who finished and then closed the tab shows as
 * disconnected but will not train further).
 */
function heldLossOf(tile: OverlayTile | undefined): number | null {
  const lastStep = tile?.steps[tile.steps.length - 1];
  const lastLoss = tile?.losses[tile.losses.length - 1];
  if (!tile || lastStep === undefined || lastLoss === undefined) return null;
  const isEnded =
    tile.status === PARTICIPANT_STATUS.finished ||
    tile.status === PARTICIPANT_STATUS.diverged ||
    (tile.config !== null && lastStep >= tile.config.steps);
  return isEnded ? lastLoss : null;
}
