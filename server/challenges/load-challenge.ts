/**
 * Reads a class's open challenge and its judged runs, for the room when it opens (the first
 * socket, a restart, or another process taking the class over): the board survives all three.
 */
import {
  CHALLENGE_REASONS,
  type ChallengeEntry,
  type ChallengeReason,
  challengeSpecSchema,
} from "../../lib/classroom/challenge";
import type { Challenge } from "../../lib/protocol";
import { ChallengeVerdict, type PrismaClient } from "../db/client";
import type { FinishedRun } from "../realtime/class-room";
import { loadUnjudgedRuns } from "./load-unjudged-runs";

/**
 * The open challenge with every entry judged against it, and the finished runs it has no verdict
 * for yet (to judge again); `challenge` null: none open.
 */
export type StoredChallenge = { challenge: Challenge | null; entries: ChallengeEntry[]; unjudged: FinishedRun[] };

/** Database verdicts to lib/classroom's. */
export const VERDICT_FROM_ROW: Record<ChallengeVerdict, ChallengeEntry["verdict"]> = {
  [ChallengeVerdict.VERIFIED]: "verified",
  [ChallengeVerdict.UNVERIFIED]: "unverified",
  [ChallengeVerdict.INELIGIBLE]: "ineligible",
};

const KNOWN_REASONS: ReadonlySet<string> = new Set(CHALLENGE_REASONS);

/**
 * The class's open challenge, or `{ challenge: null, entries: [] }`. A stored spec that no longer
 * parses (rules changed since) is treated as no challenge.
 *
 * @example const stored = await loadChallenge(db, classId);
 */
export async function loadChallenge(db: PrismaClient, classId: string): Promise<StoredChallenge> {
  const row = await db.challenge.findFirst({
    where: { classSessionId: classId, closedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, spec: true, createdAt: true },
  });
  const spec = challengeSpecSchema.safeParse(row?.spec);
  if (!row || !spec.success) return { challenge: null, entries: [], unjudged: [] };
  const entries = await db.challengeEntry.findMany({ where: { challengeId: row.id }, orderBy: { createdAt: "asc" } });
  const unjudged = await loadUnjudgedRuns(db, classId, row.id, row.createdAt);
  return {
    challenge: { id: row.id, spec: spec.data, setAt: row.createdAt.getTime() },
    entries: entries.map(toEntry),
    unjudged,
  };
}

/** One stored entry as lib/classroom's. */
export function toEntry(row: {
  runId: string;
  participantId: string;
  verdict: ChallengeVerdict;
  reasons: string[];
  hidden: number;
  parameterCount: number;
  steps: number;
  accuracy: number | null;
  finishedAt: Date;
}): ChallengeEntry {
  return {
    runId: row.runId,
    participantId: row.participantId,
    verdict: VERDICT_FROM_ROW[row.verdict],
    reasons: row.reasons.filter((reason): reason is ChallengeReason => KNOWN_REASONS.has(reason)),
    hidden: row.hidden,
    parameterCount: row.parameterCount,
    steps: row.steps,
    accuracy: row.accuracy,
    finishedAt: row.finishedAt.getTime(),
  };
}
