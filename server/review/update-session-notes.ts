import { z } from "zod";
import { storableString } from "@/lib/storable-string";
import type { PrismaClient } from "../db/client";
import { AppError } from "../errors";

/** About ten pages of text: room for a lesson's notes, a bound on what one form post may store. */
export const NOTES_MAX_LENGTH = 20_000;

export const sessionNotesSchema = z.object({
  sessionId: storableString().min(1).max(64),
  notes: storableString().max(
    NOTES_MAX_LENGTH,
    `Notes are limited to ${NOTES_MAX_LENGTH.toLocaleString("en")} characters`,
  ),
});

/**
 * Saves the teacher's notes on a session. Throws AppError INVALID_INPUT for bad input and
 * NOT_FOUND when the session is missing or someone else's (the same answer for both).
 *
 * @example await updateSessionNotes(db, teacher.id, { sessionId, notes: "Spiral needed hidden ≥ 16" });
 */
export async function updateSessionNotes(db: PrismaClient, teacherId: string, input: unknown): Promise<void> {
  const parsed = sessionNotesSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Invalid notes", "notes");
  const { sessionId, notes } = parsed.data;
  const updated = await db.classSession.updateMany({ where: { id: sessionId, teacherId }, data: { notes } });
  if (updated.count === 0) throw new AppError("NOT_FOUND", "No such session");
}
