/**
 * One thinning for every loss curve, live or stored. A full-batch loss curve changes fastest at
 * the start (the early plateau and drop of the first few hundred steps) and slowly later, so:
 * - the first {@link FIRST_EXACT_STEPS} steps are kept exactly;
 * - after that, steps fall into buckets that widen with the step (geometrically: each bucket is
 *   a fixed fraction of its step wide), and each bucket keeps its lowest and highest loss, so a
 *   spike or a drop inside a bucket is never smoothed away;
 * - the curve's last point is always kept, so a curve ends where the run is.
 * Buckets depend only on the step, never on how many points came before, so thinning the points
 * as they stream in (Worker → server → dashboard) gives the same curve as thinning them at once,
 * and a thinned curve thinned again with the same or coarser buckets keeps its shape.
 */
import type { CurveArrays, LossPoint } from "./point";

/** Steps kept one by one before buckets start: an XOR plateau and drop begins within them. */
export const FIRST_EXACT_STEPS = 50;
/** Fewest points a thinned curve may be asked for: the exact head, one bucket, the last point. */
const MIN_THIN_POINTS = 8;

/** Which buckets a curve uses: steps below `exact` one by one, then buckets `ratio` times wider each. */
export type CurveResolution = { readonly exact: number; readonly logRatio: number };

/**
 * The finest buckets that still fit any curve ending at or before `maxStep` in `maxPoints` points.
 *
 * @example curveResolution(1000, 20_000) // buckets ~1.3 % of their step wide
 */
export function curveResolution(maxPoints: number, maxStep: number): CurveResolution {
  const points = Math.max(MIN_THIN_POINTS, Math.floor(maxPoints));
  // The head, then up to two points per bucket, plus the open bucket's latest point and slack.
  const exact = Math.max(1, Math.min(FIRST_EXACT_STEPS, Math.floor((points - 3) / 3)));
  const buckets = Math.max(1, Math.floor((points - exact - 3) / 2));
  const span = Math.max(maxStep, exact + 1) / exact;
  return { exact, logRatio: Math.log(span) / buckets };
}

/** The bucket a step belongs to: its own below `exact`, then geometrically widening ones. */
export function bucketOf(step: number, resolution: CurveResolution): number {
  if (step < resolution.exact) return step;
  return resolution.exact + Math.floor(Math.log(step / resolution.exact) / resolution.logRatio);
}

/**
 * Appends one point to a thinned curve, in place. Points at or before the curve's last step are
 * ignored (a resent or reordered point must not bend the curve back); returns whether it was taken.
 * The open (last) bucket keeps its minimum, its maximum and the latest point; when a later bucket
 * opens, the closed one keeps only its minimum and maximum.
 */
export function appendToCurve(curve: CurveArrays, step: number, loss: number, resolution: CurveResolution): boolean {
  const { steps, losses } = curve;
  const lastStep = steps[steps.length - 1];
  if (lastStep !== undefined && step <= lastStep) return false;
  const bucket = bucketOf(step, resolution);
  const lastBucket = lastStep === undefined ? -1 : bucketOf(lastStep, resolution);
  if (bucket !== lastBucket && lastStep !== undefined)
    keepExtremes(curve, tailStart(curve, lastBucket, resolution), false);
  steps.push(step);
  losses.push(loss);
  if (bucket === lastBucket) keepExtremes(curve, tailStart(curve, bucket, resolution), true);
  return true;
}

/**
 * A curve thinned with `resolution`, or (given a number) to at most that many points with the
 * finest buckets that fit the curve's own last step.
 *
 * @example thinCurve(driver.points(), MAX_CURVE_POINTS)
 */
export function thinCurve(points: readonly LossPoint[], budget: number | CurveResolution): LossPoint[] {
  if (typeof budget === "number" && points.length <= budget) return points.map(([step, loss]) => [step, loss]);
  const resolution = typeof budget === "number" ? curveResolution(budget, points[points.length - 1]?.[0] ?? 0) : budget;
  const curve: CurveArrays = { steps: [], losses: [] };
  for (const [step, loss] of points) appendToCurve(curve, step, loss, resolution);
  return toPoints(curve);
}

/** The curve as [step, loss] pairs. */
export function toPoints(curve: Readonly<CurveArrays>): LossPoint[] {
  return curve.steps.map((step, i): LossPoint => [step, curve.losses[i] ?? Number.NaN]);
}

/** Index of the first point of the trailing run of points in `bucket` (≤ 4 of them, so cheap). */
function tailStart(curve: CurveArrays, bucket: number, resolution: CurveResolution): number {
  let start = curve.steps.length;
  while (start > 0 && bucketOf(curve.steps[start - 1] ?? 0, resolution) === bucket) start--;
  return start;
}

/**
 * Rewrites the tail points `from…` (one bucket, ≤ 4 of them) to their minimum and maximum in step
 * order, and the latest if `keepLast`. In place and allocation-free: it runs for every point.
 */
function keepExtremes(curve: CurveArrays, from: number, keepLast: boolean): void {
  const { steps, losses } = curve;
  const end = steps.length;
  // Two points are always both needed (the extremes, or an extreme and the latest).
  if (end - from <= 2) return;
  let low = from;
  let high = from;
  for (let i = from + 1; i < end; i++) {
    if (isBelow(losses[i], losses[low])) low = i;
    if (isBelow(losses[high], losses[i])) high = i;
  }
  const first = Math.min(low, high);
  const second = Math.max(low, high);
  let write = from;
  const keep = (index: number) => {
    steps[write] = steps[index] ?? 0;
    losses[write] = losses[index] ?? 0;
    write++;
  };
  keep(first);
  if (second !== first) keep(second);
  if (keepLast && second !== end - 1) keep(end - 1);
  // pop(), not `length =`: shrinking length can make V8 reallocate the backing store every time.
  while (steps.length > write) steps.pop();
  while (losses.length > write) losses.pop();
}

/** `a < b`, with a non-finite loss (a diverging step) counting as the highest. */
function isBelow(a: number | undefined, b: number | undefined): boolean {
  const x = Number.isFinite(a) ? (a as number) : Number.POSITIVE_INFINITY;
  const y = Number.isFinite(b) ? (b as number) : Number.POSITIVE_INFINITY;
  return x < y;
}
