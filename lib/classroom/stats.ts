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
