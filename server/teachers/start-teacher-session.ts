import { createToken, hashToken } from "../auth/tokens";
import type { PrismaClient } from "../db/client";

const DAY_MS = 24 * 60 * 60 * 1000;

export type TeacherSessionCookie = { token: string; expiresAt: Date };

/** Opens a sign-in session: the token goes in the cookie, its hash in the database. */
export async function startTeacherSession(
  db: PrismaClient,
  teacherId: string,
  lifetimeDays: number,
): Promise<TeacherSessionCookie> {
  const token = createToken();
  const expiresAt = new Date(Date.now() + lifetimeDays * DAY_MS);
  await db.teacherSession.create({ data: { teacherId, tokenHash: hashToken(token), expiresAt } });
  return { token, expiresAt };
}
