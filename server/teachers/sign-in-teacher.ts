import { getDummyHash, verifyPassword } from "../auth/password";
import { checkRateLimit, formatRetryAfter, type RateLimitRule, recordRateLimitHit } from "../auth/rate-limit";
import type { PrismaClient } from "../db/client";
import type { Env } from "../env";
import { AppError } from "../errors";
import { signInSchema } from "./schemas";
import { startTeacherSession, type TeacherSessionCookie } from "./start-teacher-session";

export type SignInTeacherOptions = { input: unknown; ip: string; env: Env };

export function signInRules(env: Env, ip: string, email: string): RateLimitRule[] {
  const windowMs = env.SIGNIN_WINDOW_SECONDS * 1000;
  return [
    { key: `signin:ip:${ip}`, limit: env.SIGNIN_FAILURES_PER_IP, windowMs },
    { key: `signin:email:${email}`, limit: env.SIGNIN_FAILURES_PER_EMAIL, windowMs },
  ];
}

/**
 * Checks a teacher's email and password and opens a session.
 * Failures are counted per IP and per email; once either limit is reached, sign-in is refused
 * before the password is checked, so guessing stops even with the right password.
 */
export async function signInTeacher(
  db: PrismaClient,
  { input, ip, env }: SignInTeacherOptions,
): Promise<TeacherSessionCookie & { teacherId: string }> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_INPUT", issue?.message ?? "Invalid sign-in", String(issue?.path[0] ?? ""));
  }
  const { email, password } = parsed.data;
  const rules = signInRules(env, ip, email);
  for (const rule of rules) {
    const state = await checkRateLimit(db, rule);
    if (state.isLimited) {
      throw new AppError(
        "RATE_LIMITED",
        `Too many failed sign-ins. Try again in ${formatRetryAfter(state.retryAfterMs)}.`,
      );
    }
  }
  const teacher = await db.teacher.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const isValid = await verifyPassword(teacher?.passwordHash ?? (await getDummyHash()), password);
  if (!teacher || !isValid) {
    for (const rule of rules) await recordRateLimitHit(db, rule);
    throw new AppError("INVALID_CREDENTIALS", "Wrong email or password.");
  }
  const session = await startTeacherSession(db, teacher.id, env.TEACHER_SESSION_DAYS);
  return { ...session, teacherId: teacher.id };
}
