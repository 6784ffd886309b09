/**
 * The review's JSON answers as zod schemas: the server's use cases return these types and the
 * pages parse what they fetch with the same schemas, so the two cannot drift apart and a bad
 * answer becomes an error state, not a crash three components later.
 */
import { runGroupSchema } from "../classroom/groups";
import { weightsSchema } from "../protocol/common";
import { storableString } from "../storable-string";
import { pointEditsSchema } from "../training/point-edits";
import { z } from "../zod";

/** A stored run's status (Prisma's RunStatus). */
export const runStatusSchema = z.enum(["TRAINING", "FINISHED", "REACHED_TARGET", "DIVERGED", "ABORTED"]);
/** How a run ended, in the review's words (the server's judgement, never only the student's). */
export const reviewOutcomeSchema = z.enum(["training", "finished", "stopped", "diverged"]);
/** How a run ended, in the review's words. */
export type ReviewOutcome = z.output<typeof reviewOutcomeSchema>;

/** lib/classroom RunVerification: the server's judgement of one run. */
export const runVerificationSchema = z.object({
  verdict: z.enum(["agree", "mismatch", "unverified"]),
  isDiverged: z.boolean(),
  isReachedTarget: z.boolean(),
  reason: storableString().nullable(),
});

/** A loss per step of a shared grid; null where the run has no value (past its end, or not a number). */
const gridValuesSchema = z.array(z.number().nullable());

/** One run in a participant's detail. */
export const participantRunReviewSchema = z.object({
  id: storableString(),
  status: runStatusSchema,
  /** The whole stored config (dataset, seeds, hyper-parameters), as the run started. */
  config: z.record(storableString(), z.unknown()),
  dataset: storableString(),
  steps: z.number(),
  /** The student's report of the step where accuracy first met the target: shown as theirs. */
  targetReachedStep: z.number().nullable(),
  reportedLoss: z.number().nullable(),
  reportedAccuracy: z.number().nullable(),
  verifiedLoss: z.number().nullable(),
  verifiedAccuracy: z.number().nullable(),
  startedAt: storableString(),
  finishedAt: storableString().nullable(),
  outcome: reviewOutcomeSchema,
  verification: runVerificationSchema,
  /** The final 32 × 32 decision map as base64, or null when the run left none. */
  finalMap: storableString().nullable(),
  hasWeights: z.boolean(),
  /** The run trained on points the student added or removed ("edited data"). */
  isEdited: z.boolean(),
  /** Its point-edit log, so the review draws the points it trained on. */
  edits: pointEditsSchema,
  /** The final weights (chapter form), drawn as the run's final network; null when none were stored. */
  weights: weightsSchema.nullable(),
  /** The lesson step the run was trained on; null without a lesson. */
  lessonStep: z.number().int().nonnegative().nullable(),
  /** The group experiment's group it was trained in; null outside one. */
  group: runGroupSchema.nullable().default(null),
});
/** One run in a participant's detail. */
export type ParticipantRunReview = z.output<typeof participantRunReviewSchema>;

/** GET …/review/participants/[participantId] (and the take-away's `detail`): one student's runs and cells. */
export const participantReviewSchema = z.object({
  participantId: storableString(),
  nickname: storableString(),
  /** The dataset the runs below trained on; null: every run. */
  dataset: storableString().nullable(),
  /** The lesson step (0-based) the runs below were trained on; null: every step. */
  step: z.number().int().nullable(),
  /** Runs on other datasets or steps, not listed here. */
  otherRuns: z.number(),
  runs: z.array(participantRunReviewSchema),
  /** Every run's stored curve on one step grid (uPlot shares x): `values[i]` is run i's loss at each step. */
  chart: z.object({ steps: z.array(z.number()), values: z.array(gridValuesSchema) }),
  cells: z.array(
    z.object({
      cell: z.number(),
      isPassed: z.boolean(),
      attempts: z.number(),
      code: storableString(),
      lastError: storableString().nullable(),
    }),
  ),
});
/** One student's detail. */
export type ParticipantReview = z.output<typeof participantReviewSchema>;

/** The span a replay can scrub over. */
export const replayBoundsSchema = z.object({ start: storableString(), end: storableString() });
/** The span a replay can scrub over. */
export type ReplayBounds = z.output<typeof replayBoundsSchema>;

/** One student's run in a replay frame. */
export const replayParticipantSchema = z.object({
  participantId: storableString(),
  nickname: storableString(),
  runId: storableString(),
  /** The dataset the run trained on. */
  dataset: storableString(),
  /** What the run was doing at that moment: still training, or how it had ended. */
  status: runStatusSchema,
  step: z.number(),
  loss: z.number().nullable(),
  /** The map as it was (latest snapshot ≤ t, or the final map once finished): base64 of 32 × 32 bytes. */
  map: storableString().nullable(),
  /** Loss on the frame's step grid, cut at `step`; null where the run had not got yet. */
  values: gridValuesSchema,
});
/** One student's run in a replay frame. */
export type ReplayParticipant = z.output<typeof replayParticipantSchema>;

/** GET …/review/replay: the class's maps and curves as they were at one moment. */
export const replayFrameSchema = z.object({
  bounds: replayBoundsSchema.nullable(),
  at: storableString(),
  steps: z.array(z.number()),
  participants: z.array(replayParticipantSchema),
  /** The class median on the grid, over students with a value there. */
  median: gridValuesSchema,
});
/** One replay frame. */
export type ReplayFrame = z.output<typeof replayFrameSchema>;
