import { z } from "zod";
import type { LossPoint } from "../../lib/curve";

/**
 * Loss curves as the database keeps them (Run.curve: [[step, loss], …], ≤ 1,000 points, steps
 * ascending, thinned by lib/curve). Reading them (interpolation, cuts, grids) is lib/curve's.
 */
const storedCurveSchema = z.array(z.tuple([z.number(), z.number()]));

/** A stored curve, or [] for anything malformed: a bad row must not break a whole review. */
export function parseStoredCurve(value: unknown): LossPoint[] {
  const parsed = storedCurveSchema.safeParse(value);
  return parsed.success ? (parsed.data as LossPoint[]) : [];
}
