/**
 * The teacher side of a load run, made directly with the server's use cases (the sign-up and
 * create-session pages are server actions, awkward to drive from a script): a teacher, a sign-in
 * session for the dashboard's cookie, and an XOR class.
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../../server/db/client";
import { createSession } from "../../server/sessions/create-session";
import { signUpTeacher } from "../../server/teachers/sign-up-teacher";
import { startTeacherSession } from "../../server/teachers/start-teacher-session";

/** The dashboard only needs the cookie for the length of a run. */
const COOKIE_LIFETIME_DAYS = 1;

/** What the load script needs to open the dashboard and let bots join. */
export type LoadClass = { teacherId: string; cookieToken: string; classId: string; joinCode: string };

/** @example const loadClass = await createLoadClass(db, "Load test"); */
export async function createLoadClass(db: PrismaClient, title: string): Promise<LoadClass> {
  const suffix = randomBytes(4).toString("hex");
  const { teacherId } = await signUpTeacher(db, {
    name: "Load Teacher",
    email: `load-${suffix}@example.test`,
    password: randomBytes(12).toString("base64url"),
  });
  const { token } = await startTeacherSession(db, teacherId, COOKIE_LIFETIME_DAYS);
  // Settings default to XOR, hidden 8, 95 % target: the class the issue describes.
  const session = await createSession(db, teacherId, { title, settings: {} });
  return { teacherId, cookieToken: token, classId: session.id, joinCode: session.joinCode };
}
