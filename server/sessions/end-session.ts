import { ClassStatus, type PrismaClient } from "../db/client";
import { denyJoinRequests } from "../participants/deny-join-requests";
import { abortRuns } from "../runs/abort-runs";

/**
 * Ends a class for good: ENDED with its end time, joining closed, runs still training aborted
 * (the runs the room still had were stored with their curves first: recordCutShortRuns), join
 * requests still waiting denied. Student tokens of an ended class no longer connect. Returns the
 * rows written.
 *
 * @example
 * await endSession(db, { classId, abortedRunIds, at: new Date() });
 */
export async function endSession(
  db: PrismaClient,
  input: { classId: string; abortedRunIds: readonly string[]; at: Date },
): Promise<number> {
  const { classId, abortedRunIds, at } = input;
  await db.classSession.update({
    where: { id: classId },
    data: { status: ClassStatus.ENDED, endedAt: at, isJoinOpen: false },
  });
  const denied = await denyJoinRequests(db, { classId, requestIds: null, at });
  // Runs the room no longer had a curve for are still closed, without one.
  return 1 + denied + (await abortRuns(db, abortedRunIds, at));
}
