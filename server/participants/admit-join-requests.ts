import { JoinRequestStatus, type PrismaClient } from "../db/client";

/**
 * The teacher admitted waiting students: each WAITING join request of the class becomes a
 * participant with the request's id and token hash (the student's token and the room's member id
 * stay the same), and the request is marked ADMITTED, in one transaction. Requests already decided
 * (a second tab, another process) are skipped. Returns the rows written.
 *
 * @example
 * await admitJoinRequests(db, { classId, requestIds: [id], at: new Date() });
 */
export async function admitJoinRequests(
  db: PrismaClient,
  input: { classId: string; requestIds: readonly string[]; at: Date },
): Promise<number> {
  const { classId, requestIds, at } = input;
  if (requestIds.length === 0) return 0;
  // Scoped by class: a control for one class can never admit into another.
  const requests = await db.joinRequest.findMany({
    where: { id: { in: [...requestIds] }, classSessionId: classId, status: JoinRequestStatus.WAITING },
    select: { id: true, nickname: true, tokenHash: true },
  });
  if (requests.length === 0) return 0;
  // One batch transaction: a request decided meanwhile (another process) keeps its participant.
  const [created, decided] = await db.$transaction([
    db.participant.createMany({
      data: requests.map((request) => ({
        id: request.id,
        classSessionId: classId,
        nickname: request.nickname,
        tokenHash: request.tokenHash,
        joinedAt: at,
        lastSeenAt: at,
      })),
      skipDuplicates: true,
    }),
    db.joinRequest.updateMany({
      where: { id: { in: requests.map((request) => request.id) }, status: JoinRequestStatus.WAITING },
      data: { status: JoinRequestStatus.ADMITTED, decidedAt: at },
    }),
  ]);
  return created.count + decided.count;
}
