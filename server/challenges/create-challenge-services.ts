/**
 * The hub's challenge services over the database and one replay worker: what attach-realtime
 * hands the hub (server/realtime/room-challenge.ts).
 */
import type { PrismaClient } from "../db/client";
import type { ChallengeServices } from "../realtime/hub-types";
import { createReplayQueue, type ReplayQueue } from "./replay-queue";
import { setChallenge } from "./set-challenge";
import { verifyChallengeRun } from "./verify-challenge-run";

/** The services and their replay queue; `close()` stops the worker. */
export type ChallengeDesk = ChallengeServices & { queue: ReplayQueue; close(): Promise<void> };

/**
 * Creates them; the replay worker starts with the first replay.
 *
 * @example const challenges = createChallengeServices(db); createClassRoomHub({ ..., challenges });
 */
export function createChallengeServices(db: PrismaClient, queue: ReplayQueue = createReplayQueue()): ChallengeDesk {
  return {
    queue,
    store: ({ classId, teacherId, spec }) => setChallenge(db, { classId, teacherId, spec }),
    judge: (challenge, record) => verifyChallengeRun({ db, queue }, challenge, record),
    close: () => queue.close(),
  };
}
