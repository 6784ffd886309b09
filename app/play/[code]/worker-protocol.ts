/**
 * Messages between the student page and its training Worker, validated with zod on both sides:
 * the page trusts nothing it did not check, and neither does the Worker.
 */

import { runConfigSchema } from "@/lib/classroom/settings";
import {
  idSchema,
  lossPointSchema,
  progressResumeSchema,
  progressUpdateSchema,
  runFinishSchema,
  stepSchema,
  weightsSchema,
} from "@/lib/protocol";
import { storableString } from "@/lib/storable-string";
import { netTraitsSchema, pointEditRequestSchema, pointEditSchema, pointEditsSchema, SPEEDS } from "@/lib/training";
import { z } from "@/lib/zod";

/** The student's own map: 64 × 64 looks smooth at phone width and costs < 0.3 ms per draw. */
export const DISPLAY_MAP_RESOLUTION = 64;
/** Curve points the page draws: one per ~2 px of a wide chart, cheap to redraw 20 times a second. */
export const DISPLAY_CURVE_POINTS = 500;
/**
 * A view at most every 50 ms (20 fps) while training: smooth enough, and leaves the page idle. The
 * network view redraws from each view's weights, so it too updates 20 times a second.
 */
export const VIEW_INTERVAL_MS = 50;

const speedSchema = z.enum(SPEEDS);

/** Page → Worker. */
export const workerRequestSchema = z.discriminatedUnion("type", [
  /**
   * A new run (any current one is dropped: the page stops it first if it wants a finish); trains at
   * once if `isAutoStart`. `resumeAtStep` rebuilds a run the page had before a reload.
   */
  z.object({
    type: z.literal("start"),
    runId: idSchema,
    config: runConfigSchema,
    speed: speedSchema,
    isAutoStart: z.boolean(),
    resumeAtStep: stepSchema.optional(),
    /** The run's point-edit log so far (a reload): replayed at each edit's step. */
    edits: pointEditsSchema.optional(),
  }),
  /** A point the student added or removed: applied before the next step, training goes on. */
  z.object({ type: z.literal("edit"), edit: pointEditRequestSchema }),
  z.object({ type: z.literal("train") }),
  z.object({ type: z.literal("pause") }),
  z.object({ type: z.literal("step") }),
  z.object({ type: z.literal("speed"), speed: speedSchema }),
  /** End the current run now; it finishes as "stopped" and its run:finish is sent. */
  z.object({ type: z.literal("stop") }),
  /** Drop the current run without a finish (the server already discarded it: reset, removed, ended). */
  z.object({ type: z.literal("discard") }),
  /** The socket reconnected: post the run's whole curve so far as a progress:resume. */
  z.object({ type: z.literal("resume") }),
]);
/** A message to the Worker. */
export type WorkerRequest = z.output<typeof workerRequestSchema>;

/** Where the student's run is, as the page shows it. */
export const RUN_PHASES = ["running", "paused", "completed", "diverged", "stopped"] as const;
/** One run phase. */
export type RunPhase = (typeof RUN_PHASES)[number];

/** What the page draws: figures, the thinned curve, the display map and the net's traits (line, dead units). */
export const trainingViewSchema = z.object({
  runId: idSchema,
  phase: z.enum(RUN_PHASES),
  step: stepSchema,
  steps: stepSchema,
  loss: z.number().nullable(),
  accuracy: z.number().min(0).max(1).nullable(),
  targetReachedStep: stepSchema.nullable(),
  curve: z.array(lossPointSchema).max(DISPLAY_CURVE_POINTS),
  map: z
    .custom<Uint8Array>(
      (bytes) => bytes instanceof Uint8Array && bytes.length === DISPLAY_MAP_RESOLUTION ** 2,
      "A display map",
    )
    .nullable(),
  traits: netTraitsSchema,
  /** The net's weights now (chapter form, 33 numbers at hidden 8) for the network view; null if not finite. */
  weights: weightsSchema.nullable(),
});
/** One view of the run. */
export type TrainingView = z.output<typeof trainingViewSchema>;

/** Worker → page. */
export const workerEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("view"), view: trainingViewSchema }),
  /** A progress:update to emit (volatile). */
  z.object({ type: z.literal("progress"), update: progressUpdateSchema }),
  /** A progress:resume to emit after a reconnect (acked). */
  z.object({ type: z.literal("resume"), resume: progressResumeSchema }),
  /** A point edit the Worker applied, stamped with its step: the page logs it and sends run:edit. */
  z.object({ type: z.literal("edited"), runId: idSchema, edit: pointEditSchema }),
  /** A run:finish to emit reliably (acked, retried). */
  z.object({ type: z.literal("finish"), finish: runFinishSchema }),
  z.object({ type: z.literal("error"), message: storableString() }),
]);
/** A message from the Worker. */
export type WorkerEvent = z.output<typeof workerEventSchema>;
