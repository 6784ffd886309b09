/** Small schemas shared by the student and teacher messages: ids, loss points, weights, cells. */

import { ACTIVATIONS } from "../classroom/names";
import { HIDDEN_MAX, STEPS_MAX } from "../classroom/settings";
import { storableString } from "../storable-string";
import { z } from "../zod";
import { CELL_CODE_MAX_CHARS, CELL_COUNT, CELL_ERROR_MAX_CHARS, MAX_ID_LENGTH } from "./limits";

/** A participant, run or class id (cuid or similar). */
export const idSchema = storableString().min(1).max(MAX_ID_LENGTH);

/** True for a string that can be an id: what a URL's `[id]` must be before it reaches a query. */
export function isId(value: unknown): value is string {
  return idSchema.safeParse(value).success;
}

/** A training step: non-negative integer, at most the largest run. */
export const stepSchema = z.int().min(0).max(STEPS_MAX);

/**
 * A loss: finite and non-negative (cross-entropy). JSON has no NaN, so socket.io delivers a NaN
 * loss as null; both are refused here. A diverging run ends with run:finish outcome "diverged".
 */
export const lossSchema = z.number().min(0);

/** Accuracy on the training points, 0–1. */
export const accuracySchema = z.number().min(0).max(1);

/** One loss point: [step, loss]. The same shape as Run.curve in the database. */
export const lossPointSchema = z.tuple([stepSchema, lossSchema]);
/** A [step, loss] pair (lib/curve's point type). */
export type { LossPoint } from "../curve";

import type { LossPoint } from "../curve";

/**
 * Loss points with strictly increasing steps, at most `max` of them: each a {@link lossPointSchema}.
 *
 * Checked in one loop rather than as zod's array of tuples: every progress update, finish and
 * teacher frame carries these, and the tuple parser copied each point (1,000 per finish; zod was
 * ~8 % of the server's main thread at 300 students, issue 13). The value passes through
 * unchanged; a bad one is answered with the first offending point, as the tuple schema would.
 */
export function lossPointsSchema(max: number) {
  return z.custom<LossPoint[]>().superRefine((value, context) => {
    const problem = lossPointsProblem(value, max);
    if (problem !== null) context.addIssue({ code: "custom", message: problem.message, path: problem.path });
  });
}

/** What is wrong with `value` as at most `max` loss points, or null if nothing (also the progress fast path, progress-fast.ts). */
export function lossPointsProblem(value: unknown, max: number): { message: string; path: number[] } | null {
  if (!Array.isArray(value)) return { message: "Expected an array of [step, loss] points", path: [] };
  if (value.length > max) return { message: `At most ${max} points`, path: [] };
  let previousStep = -1;
  for (let i = 0; i < value.length; i++) {
    const point: unknown = value[i];
    if (!Array.isArray(point) || point.length !== 2) return { message: "Expected a [step, loss] pair", path: [i] };
    const [step, loss] = point as unknown[];
    if (!Number.isSafeInteger(step) || (step as number) < 0 || (step as number) > STEPS_MAX)
      return { message: `Step must be a whole number from 0 to ${STEPS_MAX}`, path: [i, 0] };
    if (typeof loss !== "number" || !Number.isFinite(loss) || loss < 0)
      return { message: "Loss must be a finite number ≥ 0", path: [i, 1] };
    if ((step as number) <= previousStep) return { message: "Steps must increase", path: [i, 0] };
    previousStep = step as number;
  }
  return null;
}

/**
 * Final weights in the chapter's shape (lib/ml/nn toChapterWeights): w1 [H][2], b1 [H],
 * w2 [1][H], b2 [1], all finite. A hidden-0 net (one neuron) arrives as H = 1 with the "linear"
 * activation and an identity output layer, so H is 1…32 on the wire.
 */
export const weightsSchema = z
  .object({
    w1: z
      .array(z.tuple([z.number(), z.number()]))
      .min(1)
      .max(HIDDEN_MAX),
    b1: z.array(z.number()).min(1).max(HIDDEN_MAX),
    w2: z.array(z.array(z.number()).max(HIDDEN_MAX)).length(1),
    b2: z.array(z.number()).length(1),
    activation: z.enum(ACTIVATIONS),
  })
  .refine(({ w1, b1, w2 }) => b1.length === w1.length && w2[0]?.length === w1.length, {
    message: "Weight shapes do not match: w1 [H][2], b1 [H], w2 [1][H], b2 [1]",
  });
/** Final network weights. */
export type Weights = z.output<typeof weightsSchema>;

/** A chapter cell number, 1-based as the chapter prints it. */
export const cellNumberSchema = z.int().min(1).max(CELL_COUNT);

/** One cell's state as the dashboard shows it (badges). `attempts` is counted by the server. */
export const cellResultSchema = z.object({
  cell: cellNumberSchema,
  isPassed: z.boolean(),
  attempts: z.int().min(0),
  lastError: storableString().max(CELL_ERROR_MAX_CHARS).nullable(),
});
/** One cell's state. */
export type CellResult = z.output<typeof cellResultSchema>;

/**
 * A student's cell check: the cell, whether it passed, the error if not, the code if shared.
 * `checkId` (v3), made by the client once per check and kept on resends, lets the server count a
 * resent check once (the dashboard's attempt count stays honest through an outage).
 */
export const cellCheckSchema = z.object({
  cell: cellNumberSchema,
  checkId: idSchema.optional(),
  isPassed: z.boolean(),
  error: storableString().max(CELL_ERROR_MAX_CHARS).optional(),
  code: storableString().max(CELL_CODE_MAX_CHARS).optional(),
});
/** The cell:check payload. */
export type CellCheck = z.output<typeof cellCheckSchema>;
