import { z } from "zod";
import { storableString } from "@/lib/storable-string";
import { runGroupSchema } from "../../lib/classroom/groups";
import { initialRunLoss } from "../../lib/classroom/verification";
import type { ReviewSummary } from "../../lib/review/summary";
import type { PrismaClient } from "../db/client";
import { findOwnedSession, type OwnedSession } from "../sessions/find-owned-session";
import { compareGroups, type ExperimentComparison } from "./compare-groups";
import {
  chooseDataset,
  type DatasetUse,
  datasetsUsed,
  type ParticipantSummary,
  type ReviewParticipantRow,
  type ReviewRunRow,
  type ScatterPoint,
  scatterPoints,
  summarizeClass,
  summarizeParticipant,
} from "./summarize-review";
import { chooseStep, onStep, type StepUse, stepsUsed } from "./summarize-steps";

/** The slice of a stored run config the review reads; the rest stays in the JSON export. */
const reviewConfigSchema = z.object({
  dataset: storableString(),
  targetAccuracy: z.number(),
  hidden: z.number(),
  lr: z.number(),
  activation: storableString(),
  optimizer: storableString(),
  steps: z.number(),
});
/** A run's config and figures: what every review query reads; curves, maps and weights come on top where needed. */
export const RUN_FIGURES_SELECT = {
  id: true,
  status: true,
  config: true,
  steps: true,
  targetReachedStep: true,
  reportedLoss: true,
  reportedAccuracy: true,
  verifiedLoss: true,
  verifiedAccuracy: true,
  startedAt: true,
  finishedAt: true,
  lessonStep: true,
  edits: true,
  group: true,
} as const;
/** A config that does not parse (a row from before a schema change): shown, never judged reached. */
const UNKNOWN_CONFIG: ReviewRunRow["config"] = {
  dataset: "?",
  targetAccuracy: Number.POSITIVE_INFINITY,
  hidden: -1,
  lr: Number.NaN,
  activation: "?",
  optimizer: "?",
  steps: 0,
};

export type SessionReview = {
  session: OwnedSession;
  /** A lesson's class: every step with what was done on it; empty without a lesson. */
  steps: StepUse[];
  /** The lesson step the figures below are about (0-based); null without a lesson. */
  step: number | null;
  /** Every dataset the class trained on, in the order it first did. */
  datasets: DatasetUse[];
  /** The dataset the figures below are about; null when nobody trained. */
  dataset: string | null;
  summary: ReviewSummary;
  /** One row per student: their runs on `dataset` (students who did not train on it have none). */
  participants: ParticipantSummary[];
  scatter: ScatterPoint[];
  /** The group experiments on this dataset (and step), latest first, each group's figures. */
  experiments: ExperimentComparison[];
};

/**
 * Everything the review page shows at a glance, for the owning teacher only (null otherwise), on
 * one dataset: `requestedDataset` if the class trained on it, else the session's current one. A
 * class launched from a lesson is reviewed one step at a time first (`requestedStep`, else the
 * latest step trained on), then by dataset within the step.
 * Curves, maps and weights are left out: they are read per student or per export, which keeps
 * this query small even for 300 students × 3 runs × 1,000 points.
 */
export async function getSessionReview(
  db: PrismaClient,
  teacherId: string,
  sessionId: string,
  requestedDataset: string | null = null,
  requestedStep: number | null = null,
): Promise<SessionReview | null> {
  const session = await findOwnedSession(db, teacherId, sessionId);
  if (!session) return null;
  const everyone = await loadParticipantRows(db, session.id);
  const steps = session.lesson ? stepsUsed(everyone, session.lesson) : [];
  const step = session.lesson ? chooseStep(steps, requestedStep) : null;
  const participants = step === null ? everyone : onStep(everyone, step);
  const datasets = datasetsUsed(participants);
  const stepDataset = step === null ? null : (steps[step]?.dataset ?? null);
  const dataset = chooseDataset(datasets, requestedDataset, stepDataset ?? session.settings.dataset);
  return {
    session,
    steps,
    step,
    datasets,
    dataset,
    summary: summarizeClass(participants, dataset),
    participants: participants.map((participant) => summarizeParticipant(participant, dataset, session)),
    scatter: scatterPoints(participants, dataset),
    experiments: compareGroups(participants, dataset),
  };
}

/** Every participant of the class with their runs (config slice, figures, rebuilt initial loss), cells and presence. */
export async function loadParticipantRows(db: PrismaClient, classSessionId: string): Promise<ReviewParticipantRow[]> {
  const rows = await db.participant.findMany({
    where: { classSessionId },
    orderBy: { joinedAt: "asc" },
    select: {
      id: true,
      nickname: true,
      joinedAt: true,
      lastSeenAt: true,
      removedAt: true,
      cells: { select: { cell: true, isPassed: true, attempts: true } },
      presence: { select: { startedAt: true, endedAt: true } },
      runs: {
        orderBy: { startedAt: "asc" },
        select: RUN_FIGURES_SELECT,
      },
    },
  });
  const initialLoss = initialLossCache();
  return rows.map((row) => ({
    ...row,
    runs: loadRunRows(row.runs, initialLoss).map(({ stored: _stored, ...run }) => run),
  }));
}
type StoredRun = { config: unknown; startedAt: Date; edits: unknown; group: unknown } & Omit<
  ReviewRunRow,
  "config" | "initialLoss" | "isEdited" | "group"
>;

/**
 * Stored runs as the review reads them: the config's slice parsed, the initial loss rebuilt (one
 * evaluation per distinct config), the stored row kept beside them for curves, maps and weights.
 */
export function loadRunRows<T extends StoredRun>(
  runs: readonly T[],
  initialLoss = initialLossCache(),
): (ReviewRunRow & { stored: T })[] {
  // Field by field: the stored row may carry curves, maps and weights, which stay in `stored`.
  return runs.map((run) => ({
    id: run.id,
    status: run.status,
    config: reviewConfigSchema.safeParse(run.config).data ?? UNKNOWN_CONFIG,
    initialLoss: initialLoss(run.config),
    steps: run.steps,
    targetReachedStep: run.targetReachedStep,
    reportedLoss: run.reportedLoss,
    reportedAccuracy: run.reportedAccuracy,
    verifiedLoss: run.verifiedLoss,
    verifiedAccuracy: run.verifiedAccuracy,
    lessonStep: run.lessonStep,
    isEdited: Array.isArray(run.edits) && run.edits.length > 0,
    // A group that no longer parses reads as none: the run still counts for the class.
    group: runGroupSchema.safeParse(run.group).data ?? null,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    stored: run,
  }));
}

/**
 * Initial losses by the fields that decide them: a class mostly shares a handful of configs, so
 * 300 students × 3 runs cost a few net evaluations, not 900.
 */
function initialLossCache(): (config: unknown) => number | null {
  const cache = new Map<string, number | null>();
  return (config) => {
    const c = (typeof config === "object" && config !== null ? config : {}) as Record<string, unknown>;
    const key = JSON.stringify([c.dataset, c.noise, c.dataSeed, c.hidden, c.activation, c.initScale, c.initSeed]);
    let loss = cache.get(key);
    if (loss === undefined) {
      loss = initialRunLoss(config);
      cache.set(key, loss);
    }
    return loss;
  };
}
