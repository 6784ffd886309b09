/** Messages between a student socket and the server. */

import { studentGroupSchema } from "../classroom/groups";
import { runConfigSchema, sessionSettingsSchema, studentChoiceSchema } from "../classroom/settings";
import { RUN_OUTCOME, type RunOutcome } from "../classroom/status";
import { storableString } from "../storable-string";
import { pointEditSchema, pointEditsSchema } from "../training/point-edits";
import { z } from "../zod";
import {
  accuracySchema,
  cellCheckSchema,
  cellResultSchema,
  idSchema,
  lossPointsSchema,
  lossSchema,
  stepSchema,
  weightsSchema,
} from "./common";
import { ackSchema } from "./events";
import { studentLessonSchema } from "./lesson";
import { MAX_CURVE_POINTS, MAX_LOSS_POINTS_PER_UPDATE, PROTOCOL_VERSION } from "./limits";
import { mapBytesSchema } from "./map-bytes";

// ── student → server ────────────────────────────────────────────────────────────────────────

/**
 * progress:update (volatile, at most every {@link PROGRESS_MIN_INTERVAL_MS}): only the loss
 * points new since the last send, the current step and accuracy; `map` at most once a second.
 *
 * @example
 * socket.volatile.emit("progress:update", { runId, step: 420, accuracy: 0.91, points: [[400, 0.31], [420, 0.3]] });
 */
export const progressUpdateSchema = z.object({
  runId: idSchema,
  step: stepSchema,
  accuracy: accuracySchema,
  points: lossPointsSchema(MAX_LOSS_POINTS_PER_UPDATE),
  map: mapBytesSchema.optional(),
});
/** A progress update. */
export type ProgressUpdate = z.output<typeof progressUpdateSchema>;

/**
 * progress:resume (acked, protocol v2), sent once after every reconnect for the run still in
 * progress: the run's whole curve so far (thinned to ≤ {@link MAX_CURVE_POINTS}, as run:finish
 * thins it) with the latest step, accuracy and map. It replaces the server's curve of that run,
 * so the points trained offline and the points a restarted server never saw reach the teacher
 * and the stored run with no gap. At most one per {@link RESUME_MIN_INTERVAL_MS}.
 */
export const progressResumeSchema = z.object({
  runId: idSchema,
  step: stepSchema,
  accuracy: accuracySchema.nullable(),
  curve: lossPointsSchema(MAX_CURVE_POINTS),
  map: mapBytesSchema.nullable(),
});
/** A resumed run's backlog. */
export type ProgressResume = z.output<typeof progressResumeSchema>;
/** progress:resume ack. */
export const progressResumeAckSchema = ackSchema({});

/**
 * run:start (acked): the hyper-parameters the student chose; locked ones are ignored.
 * `requestId` (v3) is made by the client once per start and kept on every resend (socket.io's
 * retries, a reconnect, a "not now" answer): the server answers a repeat with the run it already
 * started for it, even after a restart, instead of starting a second one. Without it a resend
 * starts a new run (the older one is replaced), as in v2.
 */
export const runStartSchema = z.object({ choice: studentChoiceSchema, requestId: idSchema.optional() });
/** A run start request. */
export type RunStart = z.output<typeof runStartSchema>;
/** run:start ack: the run's id and the config to train with (the server's, not the student's). */
export const runStartAckSchema = ackSchema({ runId: idSchema, config: runConfigSchema, generation: z.int().min(0) });
/** Result fields of a successful run:start. */
export type RunStartResult = { runId: string; config: z.output<typeof runConfigSchema>; generation: number };

const runOutcomeSchema = z.enum(Object.values(RUN_OUTCOME) as [RunOutcome, ...RunOutcome[]]);

/**
 * run:finish (acked): the whole curve (downsampled to ≤ {@link MAX_CURVE_POINTS}), the final
 * loss, accuracy, map and weights. A diverged run may send null for loss, accuracy, map, weights.
 */
export const runFinishSchema = z
  .object({
    runId: idSchema,
    outcome: runOutcomeSchema,
    step: stepSchema,
    loss: lossSchema.nullable(),
    accuracy: accuracySchema.nullable(),
    curve: lossPointsSchema(MAX_CURVE_POINTS),
    map: mapBytesSchema.nullable(),
    weights: weightsSchema.nullable(),
  })
  .refine(
    (finish) =>
      finish.outcome === RUN_OUTCOME.diverged ||
      (finish.loss !== null && finish.accuracy !== null && finish.map !== null && finish.weights !== null),
    { message: "Only a diverged run may omit loss, accuracy, map or weights" },
  );
/** A run's final report. */
export type RunFinish = z.output<typeof runFinishSchema>;
/** run:finish ack. */
export const runFinishAckSchema = ackSchema({});

/**
 * run:edit (acked once stored, v3): one point edit of the current run, stamped by the Worker with
 * the step it was applied before. The server appends it to the run's log (Run.edits), so a reload
 * rebuilds the same run and the final weights are scored on the edited points.
 *
 * @example
 * socket.emit("run:edit", { runId, edit: { op: "add", x: 0.4, y: -1.2, label: 1, step: 812 } }, (ack) => {});
 */
export const runEditSchema = z.object({ runId: idSchema, edit: pointEditSchema });
/** A point edit. */
export type RunEdit = z.output<typeof runEditSchema>;
/** run:edit ack. */
export const runEditAckSchema = ackSchema({});

/** cell:check (acked). */
export { cellCheckSchema };
/** cell:check ack: the cell's state after counting this attempt. */
export const cellCheckAckSchema = ackSchema({ result: cellResultSchema });

// ── server → student ────────────────────────────────────────────────────────────────────────

/** session:waiting: the class this student asked to join, while the teacher has not decided. */
export const studentWaitingSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  classId: idSchema,
  title: storableString().max(200),
  nickname: storableString(),
});
/** A waiting student's view. */
export type StudentWaiting = z.output<typeof studentWaitingSchema>;

/**
 * Loss points of a student's last run in session:state: the page draws at most
 * DISPLAY_CURVE_POINTS (500), so the server thins its curve (lib/curve) to this before sending.
 */
export const LAST_RUN_CURVE_POINTS = 500;

/** How a student's last run ended, as the server judged it ("stopped": cut short, e.g. by the end of the class); null while training. */
export const LAST_RUN_OUTCOMES = ["finished", "reachedTarget", "diverged", "stopped"] as const;

/**
 * The student's latest run as the server knows it (in progress or ended, not one a reset wiped):
 * its config, figures, thinned curve and latest map, so a reload (or another browser) redraws the
 * run and refills the form. Loss and accuracy are the student's reports (the tile's figures).
 */
export const lastRunSchema = z.object({
  runId: idSchema,
  config: runConfigSchema,
  outcome: z.enum(LAST_RUN_OUTCOMES).nullable(),
  step: stepSchema,
  loss: lossSchema.nullable(),
  accuracy: accuracySchema.nullable(),
  targetReachedStep: stepSchema.nullable(),
  curve: lossPointsSchema(LAST_RUN_CURVE_POINTS),
  /** The latest map the server has: the final one for an ended run (32 × 32, lib/protocol/map-bytes). */
  map: mapBytesSchema.nullable(),
  /** The final weights of an ended run (null while training or diverged): the page redraws the net from them. */
  weights: weightsSchema.nullable(),
});
/** A student's latest run, for redrawing it after a reload. */
export type LastRun = z.output<typeof lastRunSchema>;

/**
 * session:state: everything a (re)connecting student needs to render the class as it is now:
 * settings and locks, pause, the reset generation, their run in progress if any, and their
 * latest run's config, curve and map (protocol v3).
 */
export const studentClassStateSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  classId: idSchema,
  title: storableString().max(200),
  participant: z.object({ id: idSchema, nickname: storableString(), number: z.int().min(1) }),
  settings: sessionSettingsSchema,
  isPaused: z.boolean(),
  isEnded: z.boolean(),
  /** Increments on every reset; a run from an older generation is discarded. */
  generation: z.int().min(0),
  /** The run in progress with its point-edit log so far (a reload replays it at each edit's step). */
  run: z.object({ runId: idSchema, config: runConfigSchema, edits: pointEditsSchema.default([]) }).nullable(),
  lastRun: lastRunSchema.nullable(),
  cells: z.array(cellResultSchema),
  /** The lesson and this student's step in it; null for a class launched without a lesson. */
  lesson: studentLessonSchema.nullable(),
  /** The student's group in a group experiment, and what it varies; null without one. */
  group: studentGroupSchema.nullable().default(null),
});
/** The class as one student sees it. */
export type StudentClassState = z.output<typeof studentClassStateSchema>;

/**
 * The state a student:control carries. `lastRun` (up to 500 curve points and the final weights) is
 * only there when the control changes it (reset, step): a pause for 300 students would otherwise
 * resend every last run. Absent, the page keeps the one it has ({@link withControlState}).
 */
export const studentControlStateSchema = studentClassStateSchema.extend({
  lastRun: lastRunSchema.nullable().optional(),
});
/** A control's class state: a student's state, perhaps without the last run. */
export type StudentControlState = z.output<typeof studentControlStateSchema>;

/**
 * The page's state after a control: the control's, keeping the last run the page already has when
 * the control left it out.
 * @example withControlState(connected, pause.state).lastRun === connected.lastRun // true
 */
export function withControlState(previous: StudentClassState | null, next: StudentControlState): StudentClassState {
  return { ...next, lastRun: next.lastRun === undefined ? (previous?.lastRun ?? null) : next.lastRun };
}

/** lesson:step ack: the student's state on the new step. */
export const lessonStepAckSchema = ackSchema({ state: studentClassStateSchema });

/** What a student:control asks the student page to do. */
export const STUDENT_CONTROL = {
  /** Start (or resume) training now; the train button is enabled again. */
  start: "start",
  /** Stop training; keep the train button disabled until "start". */
  pause: "pause",
  /** Discard the current run; take `state.settings`; start a new run unless `state.isPaused`. */
  reset: "reset",
  /** The teacher removed this student: the token is revoked and the socket is closed. */
  removed: "removed",
  /** The session ended: stop training, show the goodbye screen. */
  ended: "ended",
  /**
   * The lesson's pacing changed: take `state.lesson` (the step this student is on now) and
   * `state.settings` (that step's). A run in progress on a step the student left was stopped.
   */
  step: "step",
  /** The class's settings changed without a reset (adding points allowed or not): take `state.settings`. */
  settings: "settings",
} as const;

/** student:control: a class control reaching one student, with the class state after it. */
export const studentControlSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal(STUDENT_CONTROL.start), state: studentControlStateSchema }),
  z.object({ type: z.literal(STUDENT_CONTROL.pause), state: studentControlStateSchema }),
  z.object({ type: z.literal(STUDENT_CONTROL.reset), state: studentControlStateSchema }),
  z.object({ type: z.literal(STUDENT_CONTROL.removed) }),
  z.object({ type: z.literal(STUDENT_CONTROL.ended), state: studentControlStateSchema }),
  z.object({ type: z.literal(STUDENT_CONTROL.step), state: studentControlStateSchema }),
  z.object({ type: z.literal(STUDENT_CONTROL.settings), state: studentControlStateSchema }),
]);
/** A control message to a student. */
export type StudentControl = z.output<typeof studentControlSchema>;
