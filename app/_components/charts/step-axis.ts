/** How many powers of ten the step axis covers: 1 … 50,000,000 (runs stop at 20,000 steps). */
const STEP_AXIS_DECADES = 8;

/**
 * Tick spacings the step axis may use: whole steps only (1, 2, 5, 10, 20, 50, …), so a short curve
 * never gets ticks at 0.5 or 1.5 (uPlot's default increments include fractions).
 */
export const STEP_AXIS_INCREMENTS: readonly number[] = Array.from({ length: STEP_AXIS_DECADES }, (_, power) =>
  [1, 2, 5].map((mantissa) => mantissa * 10 ** power),
).flat();
