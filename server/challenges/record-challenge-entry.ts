/**
 * Stores the server's verdict on one run against one challenge. Idempotent: a run is judged
 * once per challenge (unique challengeId + runId); a second write of the same run keeps the first.
 */
import type { ChallengeEntry } from "../../lib/classroom/challenge";
import { ChallengeVerdict, type PrismaClient } from "../db/client";

const VERDICT_TO_ROW = {
  verified: ChallengeVerdict.VERIFIED,
  unverified: ChallengeVerdict.UNVERIFIED,
  ineligible: ChallengeVerdict.INELIGIBLE,
} as const;

/** What the replay cost and found, stored beside the verdict; null when the run was not replayed. */
export type ReplayFigures = { difference: number; ms: number } | null;

/**
 * Writes the entry; resolves once committed.
 *
 * @example await recordChallengeEntry(db, challenge.id, entry, { difference: 0, ms: 412 });
 */
export async function recordChallengeEntry(
  db: PrismaClient,
  challengeId: string,
  entry: ChallengeEntry,
  replay: ReplayFigures,
): Promise<void> {
  const difference = replay && Number.isFinite(replay.difference) ? replay.difference : null;
  await db.challengeEntry.createMany({
    data: [
      {
        challengeId,
        runId: entry.runId,
        participantId: entry.participantId,
        verdict: VERDICT_TO_ROW[entry.verdict],
        reasons: entry.reasons,
        hidden: entry.hidden,
        parameterCount: entry.parameterCount,
        steps: entry.steps,
        accuracy: entry.accuracy,
        replayDifference: difference,
        replayMs: replay ? Math.round(replay.ms) : null,
        finishedAt: new Date(entry.finishedAt),
      },
    ],
    skipDuplicates: true,
  });
}
