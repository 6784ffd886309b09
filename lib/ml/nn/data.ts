import { NnInputError } from "./errors";
import { assertAllFinite } from "./validate";

/**
 * A labelled point set in the layout the fast path reads directly.
 * `xs` holds the points interleaved (`x0, y0, x1, y1, …` for 2 inputs), `ys` one label per point.
 */
export type Dataset = {
  /** Point coordinates, `inputs` numbers per point, point after point. */
  readonly xs: Float64Array;
  /** Labels, exactly 0 or 1. */
  readonly ys: Float64Array;
};

/**
 * Datasets whose values were already checked, by identity. Full value checks cost about as much
 * as a tenth of a training step, so they run once per dataset object; shapes are checked on every
 * call. A dataset mutated after its first use is not re-checked, but a non-finite value would
 * still surface as a non-finite loss, which training reports as divergence.
 */
const checkedValues = new WeakSet<Dataset>();

/**
 * Validates `data` for a net with `inputs` inputs and returns the number of points.
 * @throws NnInputError on a wrong layout, an empty set, a non-finite coordinate or a label other than 0/1.
 */
export function checkDataset(data: Dataset, inputs: number): number {
  if (
    data === null ||
    typeof data !== "object" ||
    !(data.xs instanceof Float64Array) ||
    !(data.ys instanceof Float64Array)
  ) {
    throw new NnInputError("data must be { xs: Float64Array, ys: Float64Array }");
  }
  const n = data.ys.length;
  if (n === 0) throw new NnInputError("data is empty: it needs at least one point");
  if (data.xs.length !== n * inputs) {
    throw new NnInputError(
      `data.xs has length ${data.xs.length}, expected ${n * inputs} (${n} labels × ${inputs} inputs)`,
    );
  }
  if (!checkedValues.has(data)) {
    assertAllFinite(data.xs, "data.xs");
    for (let p = 0; p < n; p++) {
      const y = data.ys[p];
      if (y !== 0 && y !== 1) throw new NnInputError(`data.ys[${p}] must be 0 or 1, got ${String(y)}`);
    }
    checkedValues.add(data);
  }
  return n;
}
