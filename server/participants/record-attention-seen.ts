/**
 * Stores the teacher's "seen" marks on students' attention flags (Participant.attentionSeen), each
 * participant's marks whole: a mark just made, or marks dropped because their condition cleared.
 * One batch transaction of compare-free updates scoped to the class: a participant of another
 * class (or a removed one's row gone) is simply not written.
 */
import type { StoredSeenMarks } from "../../lib/protocol";
import type { PrismaClient } from "../db/client";

/** One participant's seen marks, whole. */
export type SeenMarksRecord = { participantId: string; marks: StoredSeenMarks };

/**
 * Writes the marks; resolves with the rows written.
 *
 * @example
 * await recordAttentionSeen(db, classId, [{ participantId, marks: { plateau: 1 } }]);
 */
export async function recordAttentionSeen(
  db: PrismaClient,
  classId: string,
  records: readonly SeenMarksRecord[],
): Promise<number> {
  if (records.length === 0) return 0;
  const results = await db.$transaction(
    records.map((record) =>
      db.participant.updateMany({
        where: { id: record.participantId, classSessionId: classId },
        data: { attentionSeen: record.marks },
      }),
    ),
  );
  return results.reduce((rows, result) => rows + result.count, 0);
}
