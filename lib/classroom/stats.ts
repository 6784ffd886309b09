/** Small statistics the dashboard and the review share. */

/**
 * The median of `values` (the mean of the middle two for an even count); null when empty.
 * Sorts `values` in place: the dashboard calls it on a reused buffer many times per frame.
 */
export function medianInPlace(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const middle = values.length >> 1;
  const upper = values[middle] ?? Number.NaN;
  return values.length % 2 === 1 ? upper : ((values[middle - 1] ?? Number.NaN) + upper) / 2;
}

/** The median of `values` (see {@link medianInPlace}), leaving them untouched. */
export function median(values: readonly number[]): number | null {
  return medianInPlace([...values]);
}

/** One student's curve sampled on a grid shared by the class (null where it has no value). */
export type GridSeries = {
  values: readonly (number | null)[];
  /**
   * The final loss of a run that is over (finished or diverged, not stopped early), else null:
   * past its last value it counts at this loss, so the median does not jump up where faster
   * students' curves end. A non-finite final loss is not held.
   */
  heldLoss: number | null;
};

/**
 * The class median at each of `length` grid positions: over the students with a value there,
 * plus every ended run at its final loss past its end (it would stay there). Null where nobody
 * counts. The one median of a class's curves: the live overlay and the review's replay use it.
 *
 * @example classMedian([{ values: [0.7, 0.1, null], heldLoss: 0.1 }, { values: [0.9, 0.6, 0.5], heldLoss: null }], 3)
 * // [0.8, 0.35, 0.3]: the first run holds 0.1 at the last position
 */
export function classMedian(series: readonly GridSeries[], length: number): (number | null)[] {
  const heldFrom = series.map(({ values, heldLoss }) =>
    heldLoss !== null && Number.isFinite(heldLoss) ? lastValueIndex(values) + 1 : Number.POSITIVE_INFINITY,
  );
  const result: (number | null)[] = [];
  const column: number[] = [];
  for (let i = 0; i < length; i++) {
    column.length = 0;
    series.forEach(({ values, heldLoss }, s) => {
      const value = values[i];
      if (value !== null && value !== undefined) column.push(value);
      else if (heldLoss !== null && i >= (heldFrom[s] ?? Number.POSITIVE_INFINITY)) column.push(heldLoss);
    });
    result.push(medianInPlace(column));
  }
  return result;
}

/** Index of the last non-null value; -1 when there is none (a run with no point yet is held from the start). */
function lastValueIndex(values: readonly (number | null)[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && values[i] !== undefined) return i;
  return -1;
}
