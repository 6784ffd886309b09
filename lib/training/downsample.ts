/**
 * Thinning a loss curve for the wire. Full-batch gradient descent gives smooth curves, so an even
 * stride over the steps keeps their shape (the early plateau, the drop, the tail); the first and
 * last points are always kept so a curve starts at step 0 and ends at the run's last step. The
 * run's minimum loss is not specially kept: the finish message carries the final loss, and an
 * even stride never hides a plateau or a drop wider than the stride (≤ 20 steps at 20,000 steps).
 */
import type { LossPoint } from "../protocol";

/**
 * Indices `from…to - 1` thinned to at most `max`, evenly spaced, always including the last one
 * (and the first when `max` ≥ 2). Strictly increasing.
 *
 * @example evenIndices(0, 10, 4) // [0, 3, 6, 9]
 */
export function evenIndices(from: number, to: number, max: number): number[] {
  const count = to - from;
  if (count <= 0 || max <= 0) return [];
  if (count <= max) return Array.from({ length: count }, (_, i) => from + i);
  if (max === 1) return [to - 1];
  const indices: number[] = [];
  const stride = (count - 1) / (max - 1);
  for (let i = 0; i < max; i++) {
    const index = from + Math.round(i * stride);
    // Rounding can never repeat an index here (stride > 1), but guard monotonicity anyway.
    if (indices.length === 0 || index > (indices[indices.length - 1] ?? -1)) indices.push(index);
  }
  return indices;
}

/**
 * Loss points thinned to at most `max`, keeping the first and the last.
 *
 * @example downsamplePoints(curve, MAX_CURVE_POINTS)
 */
export function downsamplePoints(points: readonly LossPoint[], max: number): LossPoint[] {
  return evenIndices(0, points.length, max).map((i) => points[i] as LossPoint);
}
