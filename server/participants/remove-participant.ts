import type { PrismaClient } from "../db/client";
import { abortRuns } from "../runs/abort-runs";

/**
 * A teacher removed a student: the participant is marked removed (their token stops connecting,
 * their nickname stays taken so the tile history stays unambiguous) and their run is aborted.
 * Returns the rows written.
 *
 * @example
 * await removeParticipant(db, { classId, participantId, abortedRunIds, at: new Date() });
 */
export async function removeParticipant(
  db: PrismaClient,
  input: { classId: string; participantId: string; abortedRunIds: readonly string[]; at: Date },
): Promise<number> {
  const { classId, participantId, abortedRunIds, at } = input;
  // Scoped by class: a control for one class can never touch another class's participant.
  const { count } = await db.participant.updateMany({
    where: { id: participantId, classSessionId: classId, removedAt: null },
    data: { removedAt: at },
  });
  return count + (await abortRuns(db, abortedRunIds, at));
}
