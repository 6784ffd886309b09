import { z } from "zod";
import { storableString } from "@/lib/storable-string";
import { ClassStatus, type PrismaClient } from "../db/client";
import { AppError } from "../errors";

export const deleteSessionSchema = z.object({
  sessionId: storableString().min(1).max(64),
  /** The teacher retypes the title: deleting is permanent, a stray click must not do it. */
  confirmTitle: storableString().max(200),
});

/**
 * Deletes a session and everything in it: participants, runs, map snapshots and cell checks go
 * with it (ON DELETE CASCADE in the schema). Only an ended session: a live class still has a room
 * in memory writing to these rows. Throws AppError NOT_FOUND (missing or not the teacher's),
 * INVALID_INPUT (title does not match) or FORBIDDEN (still live).
 *
 * @example await deleteSession(db, teacher.id, { sessionId, confirmTitle: "Period 3" });
 */
export async function deleteSession(db: PrismaClient, teacherId: string, input: unknown): Promise<void> {
  const parsed = deleteSessionSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Type the session's title to confirm", "confirmTitle");
  const { sessionId, confirmTitle } = parsed.data;
  const session = await db.classSession.findFirst({
    where: { id: sessionId, teacherId },
    select: { title: true, status: true },
  });
  if (!session) throw new AppError("NOT_FOUND", "No such session");
  if (session.status !== ClassStatus.ENDED)
    throw new AppError("FORBIDDEN", "End the session before deleting it", "confirmTitle");
  if (confirmTitle.trim() !== session.title.trim()) {
    throw new AppError("INVALID_INPUT", "The title does not match: nothing was deleted", "confirmTitle");
  }
  // Scoped by teacher again: the row cannot change hands, but the delete states its own guard.
  await db.classSession.deleteMany({ where: { id: sessionId, teacherId } });
}
