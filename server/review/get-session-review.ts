import { z } from "zod";
import type { PrismaClient } from "../db/client";
import { findOwnedSession, type OwnedSession } from "../sessions/find-owned-session";
import {
  type ParticipantSummary,
  type ReviewParticipantRow,
  type ReviewSummary,
  type ScatterPoint,
  scatterPoints,
  summarizeClass,
  summarizeParticipant,
} from "./summarize-review";

/** The slice of a stored run config the review reads; the rest stays in the JSON export. */
const reviewConfigSchema = z.object({
  hidden: z.number(),
  lr: z.number(),
  activation: z.string(),
  optimizer: z.string(),
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
} as const;
const UNKNOWN_CONFIG = { hidden: -1, lr: Number.NaN, activation: "?", optimizer: "?", steps: 0 };

export type SessionReview = {
  session: OwnedSession;
  summary: ReviewSummary;
  participants: ParticipantSummary[];
  scatter: ScatterPoint[];
};

/**
 * Everything the review page shows at a glance, for the owning teacher only (null otherwise).
 * Curves, maps and weights are left out: they are read per student or per export, which keeps
 * this query small even for 300 students × 3 runs × 1,000 points.
 */
export async function getSessionReview(
  db: PrismaClient,
  teacherId: string,
  sessionId: string,
): Promise<SessionReview | null> {
  const session = await findOwnedSession(db, teacherId, sessionId);
  if (!session) return null;
  const participants = await loadParticipantRows(db, session.id);
  return {
    session,
    summary: summarizeClass(participants),
    participants: participants.map(summarizeParticipant),
    scatter: scatterPoints(participants),
  };
}

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
      runs: {
        orderBy: { startedAt: "asc" },
        select: RUN_FIGURES_SELECT,
      },
    },
  });
  return rows.map((row) => ({
    ...row,
    runs: row.runs.map((run) => ({ ...run, config: reviewConfigSchema.safeParse(run.config).data ?? UNKNOWN_CONFIG })),
  }));
}
