/**
 * Stores the group a late joiner was given (server/realtime/room-groups.ts assignLateJoiner).
 * The writer runs it in order with the class's controls, so a later push or end overwrites it,
 * never the other way round; it is idempotent (the writer may retry it).
 */
import type { PrismaClient } from "../db/client";

/**
 * Writes the participant's group; returns the rows changed.
 *
 * @example
 * await saveParticipantGroup(db, { classId, participantId, group: 2 });
 */
export async function saveParticipantGroup(
  db: PrismaClient,
  input: { classId: string; participantId: string; group: number },
): Promise<number> {
  const { count } = await db.participant.updateMany({
    where: {
      id: input.participantId,
      classSessionId: input.classId,
    },
    data: { experimentGroup: input.group },
  });
  return count;
}
