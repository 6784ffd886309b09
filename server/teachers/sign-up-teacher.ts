import { hashPassword } from "../auth/password";
import { checkRateLimit, formatRetryAfter, recordRateLimitHit } from "../auth/rate-limit";
import type { PrismaClient } from "../db/client";
import type { Env } from "../env";
import { AppError } from "../errors";
import { signUpSchema } from "./schemas";

export type SignUpTeacherResult = { teacherId: string };

/** Where a sign-up comes from, for the per-address limit (the sign-up form passes it; scripts and tests may not). */
export type SignUpOrigin = { ip: string; env: Pick<Env, "SIGNUPS_PER_IP_PER_HOUR"> };

const SIGNUP_WINDOW_MS = 60 * 60 * 1000;

/**
 * Creates a teacher account. Throws AppError INVALID_INPUT, EMAIL_TAKEN or RATE_LIMITED (more
 * than SIGNUPS_PER_IP_PER_HOUR accounts from the address); writes nothing then.
 */
export async function signUpTeacher(
  db: PrismaClient,
  input: unknown,
  origin?: SignUpOrigin,
): Promise<SignUpTeacherResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_INPUT", issue?.message ?? "Invalid sign-up", String(issue?.path[0] ?? ""));
  }
  const rule = origin && {
    key: `signup:ip:${origin.ip}`,
    limit: origin.env.SIGNUPS_PER_IP_PER_HOUR,
    windowMs: SIGNUP_WINDOW_MS,
  };
  if (rule) {
    const state = await checkRateLimit(db, rule);
    if (state.isLimited) {
      throw new AppError(
        "RATE_LIMITED",
        `Too many accounts were created from this network. Try again in ${formatRetryAfter(state.retryAfterMs)}.`,
      );
    }
  }
  const { name, email, password } = parsed.data;
  if (await db.teacher.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("EMAIL_TAKEN", "An account with this email already exists. Sign in instead.", "email");
  }
  const passwordHash = await hashPassword(password);
  try {
    const teacher = await db.teacher.create({ data: { name, email, passwordHash }, select: { id: true } });
    if (rule) await recordRateLimitHit(db, rule);
    return { teacherId: teacher.id };
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides.
    if (isUniqueViolation(error)) {
      throw new AppError("EMAIL_TAKEN", "An account with this email already exists. Sign in instead.", "email");
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
