/**
 * Points students add while training (issue 15 item 4, as ConvNetJS's 2-D demo): an edit log,
 * applied to the class's points in order. Pure and deterministic, so the Worker, a reloaded page
 * (replaying the log at each edit's step) and the server (scoring the final weights on the edited
 * points) all build the same data.
 */
import { DATASET_EXTENT, type Dataset } from "../ml/nn";
import { z } from "../zod";

/** What one edit does. */
export const POINT_EDIT_OP = {
  /** A point of class `label` at (x, y). */
  add: "add",
  /** The point nearest to (x, y) goes (the last one stays: a dataset is never empty). */
  remove: "remove",
  /** Back to the class's points. */
  reset: "reset",
} as const;

/**
 * Edits per run: a student clicking for a whole run adds a few dozen; 200 keeps the log (stored
 * with the run, sent on a reload) under ~10 KB and the replay cheap.
 */
export const MAX_POINT_EDITS = 200;

const coordinateSchema = z.number().min(-DATASET_EXTENT).max(DATASET_EXTENT);

/** An edit as the student asks for it (the Worker stamps the step it happened at). */
export const pointEditRequestSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal(POINT_EDIT_OP.add), x: coordinateSchema, y: coordinateSchema, label: z.literal([0, 1]) }),
  z.object({ op: z.literal(POINT_EDIT_OP.remove), x: coordinateSchema, y: coordinateSchema }),
  z.object({ op: z.literal(POINT_EDIT_OP.reset) }),
]);
/** An edit without its step. */
export type PointEditRequest = z.output<typeof pointEditRequestSchema>;

/** One edit of the log: what, and at which training step (before that step's update). */
export const pointEditSchema = z.intersection(pointEditRequestSchema, z.object({ step: z.int().min(0) }));
/** One logged edit. */
export type PointEdit = z.output<typeof pointEditSchema>;

/** A run's edit log: steps never go back, at most {@link MAX_POINT_EDITS}. */
export const pointEditsSchema = z
  .array(pointEditSchema)
  .max(MAX_POINT_EDITS)
  .refine((edits) => edits.every((edit, i) => i === 0 || edit.step >= (edits[i - 1]?.step ?? 0)), {
    message: "Edit steps must not go back",
  });

/**
 * The data after one edit: `current` with a point added or the nearest one removed, or `base`
 * again on reset. Returns a new dataset (the old one may still be drawn); `current` when the edit
 * changes nothing (removing the last point).
 *
 * @example const next = applyPointEdit(base, base, { op: "add", x: 0.5, y: 1, label: 1 });
 */
export function applyPointEdit(base: Dataset, current: Dataset, edit: PointEditRequest): Dataset {
  if (edit.op === POINT_EDIT_OP.reset) return base;
  const n = current.ys.length;
  if (edit.op === POINT_EDIT_OP.add) {
    const xs = new Float64Array(2 * (n + 1));
    xs.set(current.xs);
    xs[2 * n] = edit.x;
    xs[2 * n + 1] = edit.y;
    const ys = new Float64Array(n + 1);
    ys.set(current.ys);
    ys[n] = edit.label;
    return { xs, ys };
  }
  const nearest = nearestPoint(current, edit.x, edit.y);
  if (n <= 1 || nearest < 0) return current;
  const xs = new Float64Array(2 * (n - 1));
  xs.set(current.xs.subarray(0, 2 * nearest));
  xs.set(current.xs.subarray(2 * nearest + 2), 2 * nearest);
  const ys = new Float64Array(n - 1);
  ys.set(current.ys.subarray(0, nearest));
  ys.set(current.ys.subarray(nearest + 1), nearest);
  return { xs, ys };
}

/** The class's points after the whole log (what the final weights are scored on). */
export function editedDataset(base: Dataset, edits: readonly PointEditRequest[]): Dataset {
  let data = base;
  for (const edit of edits) data = applyPointEdit(base, data, edit);
  return data;
}

/** Index of the point nearest to (x, y); the first of equals; −1 for no points. */
export function nearestPoint(data: Dataset, x: number, y: number): number {
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < data.ys.length; i++) {
    const distance = ((data.xs[2 * i] ?? 0) - x) ** 2 + ((data.xs[2 * i + 1] ?? 0) - y) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}

/** True when the log changes the data: an edited run is labelled and kept out of verified counts. */
export function isEditedLog(edits: readonly PointEdit[] | null | undefined): boolean {
  return (edits?.length ?? 0) > 0;
}
