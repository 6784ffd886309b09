/**
 * Stores a teacher's challenge for their live class: closes the open one and creates the new one
 * in one batch transaction, so a class never has two open. The hub applies it to the room only
 * after this resolved (durable before it takes effect).
 */
import { challengeSpecSchema } from "../../lib/classroom/challenge";
import type { Challenge } from "../../lib/protocol";
import { ClassStatus, type PrismaClient } from "../db/client";
import { AppError } from "../errors";

/**
 * Sets (or with `spec: null` closes) the class's challenge; resolves with the open challenge now.
 * Throws AppError INVALID_INPUT (bad rules), NOT_FOUND (not the teacher's class) or FORBIDDEN (ended).
 *
 * @example const challenge = await setChallenge(db, { teacherId, classId, spec, at: new Date() });
 */
export async function setChallenge(
  db: PrismaClient,
  input: { teacherId: string; classId: string; spec: unknown; at?: Date },
): Promise<Challenge | null> {
  const { teacherId, classId, at = new Date() } = input;
  const parsed = challengeSpecSchema.nullable().safeParse(input.spec);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Invalid challenge");
  const session = await db.classSession.findFirst({ where: { id: classId, teacherId }, select: { status: true } });
  if (!session) throw new AppError("NOT_FOUND", "No such class");
  if (session.status === ClassStatus.ENDED) throw new AppError("FORBIDDEN", "This class has ended");
  const close = db.challenge.updateMany({ where: { classSessionId: classId, closedAt: null }, data: { closedAt: at } });
  const spec = parsed.data;
  if (spec === null) {
    await db.$transaction([close]);
    return null;
  }
  const [, created] = await db.$transaction([
    close,
    db.challenge.create({ data: { classSessionId: classId, spec, createdAt: at }, select: { id: true } }),
  ]);
  return { id: created.id, spec, setAt: at.getTime() };
}
