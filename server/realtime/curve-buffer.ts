/**
 * A bounded loss curve for one participant's current run: typed arrays (16 bytes a point, so
 * 1,000 students × 1,000 points is 16 MB, not the ~60 MB of arrays of tuples). When full it
 * keeps every other point and from then on keeps one point in `stride`, so a long run is
 * evenly downsampled and the latest point is always known.
 */
import type { LossPoint } from "../../lib/protocol";

/** A bounded, evenly downsampled curve. */
export type CurveBuffer = {
  /** Appends a point; the caller guarantees increasing steps. */
  append(step: number, loss: number): void;
  /** Up to `max` points, evenly spread, always ending with the latest point. */
  toPoints(max: number): LossPoint[];
  clear(): void;
  readonly size: number;
};

/** Creates a curve that never holds more than `capacity` points (capacity ≥ 2). */
export function createCurveBuffer(capacity: number): CurveBuffer {
  const steps = new Float64Array(capacity);
  const losses = new Float64Array(capacity);
  let size = 0;
  let stride = 1;
  let sinceKept = 0;
  let latest: LossPoint | null = null;

  function compact(): void {
    // Keep even indices: halves the points, doubles the spacing.
    let write = 0;
    for (let read = 0; read < size; read += 2) {
      steps[write] = steps[read] ?? 0;
      losses[write] = losses[read] ?? 0;
      write++;
    }
    size = write;
    stride *= 2;
  }

  return {
    append(step, loss) {
      latest = [step, loss];
      sinceKept++;
      if (size > 0 && sinceKept < stride) return;
      sinceKept = 0;
      if (size === capacity) compact();
      steps[size] = step;
      losses[size] = loss;
      size++;
    },
    toPoints(max) {
      const points: LossPoint[] = [];
      const every = Math.max(1, Math.ceil(size / Math.max(1, max - 1)));
      for (let i = 0; i < size; i += every) points.push([steps[i] ?? 0, losses[i] ?? 0]);
      const last = points[points.length - 1];
      if (latest !== null && (last === undefined || last[0] !== latest[0])) {
        if (points.length >= max) points.pop();
        points.push(latest);
      }
      return points;
    },
    clear() {
      size = 0;
      stride = 1;
      sinceKept = 0;
      latest = null;
    },
    get size() {
      return size;
    },
  };
}
