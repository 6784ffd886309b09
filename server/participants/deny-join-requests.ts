import { JoinRequestStatus, type PrismaClient } from "../db/client";

/**
 * The teacher denied waiting students (or the session ended while they waited): their WAITING
 * join requests become DENIED, so their tokens never connect, and later joins from the same
 * address wait for approval whatever nickname they pick (server/participants/join-class.ts).
 * `requestIds` null: every request still waiting in the class. Returns the rows written.
 *
 * @example
 * await denyJoinRequests(db, { classId, requestIds: [id], at: new Date() });
 */
export async function denyJoinRequests(
  db: PrismaClient,
  input: { classId: string; requestIds: readonly string[] | null; at: Date },
): Promise<number> {
  const { classId, requestIds, at } = input;
  if (requestIds !== null && requestIds.length === 0) return 0;
  const { count } = await db.joinRequest.updateMany({
    where: {
      classSessionId: classId,
      status: JoinRequestStatus.WAITING,
      ...(requestIds !== null && { id: { in: [...requestIds] } }),
    },
    data: { status: JoinRequestStatus.DENIED, decidedAt: at },
  });
  return count;
}
