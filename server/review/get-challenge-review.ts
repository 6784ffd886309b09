/**
 * The review's challenges: every challenge the class had (newest first) with its rules, its
 * final leaderboard (verified runs only, ranked as live) and the runs that did not rank with the
 * server's reasons. Names are the students' nicknames: the review is the teacher's own page.
 */
import {
  type BoardRow,
  type ChallengeEntry,
  challengeSpecSchema,
  rankChallengeBoard,
} from "../../lib/classroom/challenge";
import type { Challenge } from "../../lib/protocol";
import { isId } from "../../lib/protocol";
import { toEntry } from "../challenges/load-challenge";
import type { PrismaClient } from "../db/client";

/** One challenge as the review shows it. */
export type ChallengeReview = Challenge & {
  closedAt: number | null;
  ranked: (BoardRow & { nickname: string })[];
  unranked: (ChallengeEntry & { nickname: string })[];
  /** Replays run for this challenge: how many, and the slowest and largest weight difference seen. */
  replays: { count: number; maxMs: number | null; maxDifference: number | null };
};

/**
 * The class's challenges, or null when the teacher does not own it (the page answers 404).
 *
 * @example const challenges = await getChallengeReview(db, teacherId, classId);
 */
export async function getChallengeReview(
  db: PrismaClient,
  teacherId: string,
  classId: string,
): Promise<ChallengeReview[] | null> {
  if (!isId(classId)) return null;
  const session = await db.classSession.findFirst({
    where: { id: classId, teacherId },
    select: {
      participants: { select: { id: true, nickname: true } },
      challenges: { orderBy: { createdAt: "desc" }, include: { entries: { orderBy: { createdAt: "asc" } } } },
    },
  });
  if (!session) return null;
  const nicknames = new Map(session.participants.map((participant) => [participant.id, participant.nickname]));
  const named = <T extends ChallengeEntry>(entry: T) => ({
    ...entry,
    nickname: nicknames.get(entry.participantId) ?? "?",
  });
  return session.challenges.flatMap((row) => {
    const spec = challengeSpecSchema.safeParse(row.spec);
    if (!spec.success) return [];
    const entries = row.entries.map(toEntry);
    const replayed = row.entries.filter((entry) => entry.replayMs !== null);
    return [
      {
        id: row.id,
        spec: spec.data,
        setAt: row.createdAt.getTime(),
        closedAt: row.closedAt?.getTime() ?? null,
        ranked: rankChallengeBoard(entries).map(named),
        unranked: entries.filter((entry) => entry.verdict !== "verified").map(named),
        replays: {
          count: replayed.length,
          maxMs: replayed.length > 0 ? Math.max(...replayed.map((entry) => entry.replayMs ?? 0)) : null,
          maxDifference: replayed.length > 0 ? Math.max(...replayed.map((entry) => entry.replayDifference ?? 0)) : null,
        },
      },
    ];
  });
}
