import { hashToken } from "../auth/tokens";
import type { PrismaClient } from "../db/client";

export type SignedInTeacher = {
  id: string;
  name: string;
  email: string;
  /** The sign-in (TeacherSession row) the cookie belongs to: teacher sockets stay bound to it. */
  signInId: string;
};

/** The teacher behind a session cookie's token, or null when it is unknown or expired. */
export async function findTeacherBySession(
  db: PrismaClient,
  token: string | undefined,
): Promise<SignedInTeacher | null> {
  if (!token || token.length > 100) return null;
  const session = await db.teacherSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, expiresAt: true, teacher: { select: { id: true, name: true, email: true } } },
  });
  if (!session || session.expiresAt <= new Date()) return null;
  return { ...session.teacher, signInId: session.id };
}
