import { getDummyHash, verifyPassword } from "../auth/password";
import { readRateLimitCount, recordRateLimitHit } from "../auth/rate-limit";
import type { PrismaClient } from "../db/client";
import type { Env } from "../env";
import { AppError } from "../errors";
import {
  type BackoffRule,
  backoffDelayMs,
  SIGNIN_DELAY_BASE_MS,
  SIGNIN_FREE_FAILURES,
  SIGNIN_IN_FLIGHT_PER_PAIR,
} from "../security/limits";
import { signInSchema } from "./schemas";
import { startTeacherSession, type TeacherSessionCookie } from "./start-teacher-session";

export type SignInTeacherOptions = {
  input: unknown;
  ip: string;
  env: Env;
  /** How the delay is waited out; tests pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
};

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Failures from one address across emails slow that address only after many (a credential-stuffing
 * script), and never more than an email's cap: other teachers behind the same NAT still sign in.
 */
const SIGNIN_FREE_FAILURES_PER_IP = 20;

/** The counters failed sign-ins are kept in: per (email, address), per email, per address. */
export function signInRules(env: Env, ip: string, email: string) {
  const windowMs = env.SIGNIN_WINDOW_SECONDS * 1000;
  const backoff = (free: number, capMs: number): BackoffRule => ({ free, baseMs: SIGNIN_DELAY_BASE_MS, capMs });
  return [
    {
      rule: { key: `signin:pair:${email}:${ip}`, limit: 0, windowMs },
      backoff: backoff(SIGNIN_FREE_FAILURES, env.SIGNIN_DELAY_CAP_MS),
    },
    {
      rule: { key: `signin:email:${email}`, limit: 0, windowMs },
      backoff: backoff(SIGNIN_FREE_FAILURES, env.SIGNIN_EMAIL_DELAY_CAP_MS),
    },
    {
      rule: { key: `signin:ip:${ip}`, limit: 0, windowMs },
      backoff: backoff(SIGNIN_FREE_FAILURES_PER_IP, env.SIGNIN_EMAIL_DELAY_CAP_MS),
    },
  ];
}

/** Sign-ins being checked now, per (email, address): parallel requests cannot skip a delay. */
const inFlight = new Map<string, number>();

/**
 * Checks a teacher's email and password and opens a session. Failures never lock anyone out
 * (that would let anyone who knows an email lock its teacher out): they delay the next check,
 * per (email, address) pair up to SIGNIN_DELAY_CAP_MS and per email up to
 * SIGNIN_EMAIL_DELAY_CAP_MS, as the OWASP authentication cheat sheet recommends. A second
 * attempt for the same pair while one is being checked is refused (RATE_LIMITED).
 */
export async function signInTeacher(
  db: PrismaClient,
  { input, ip, env, sleep = sleepFor }: SignInTeacherOptions,
): Promise<TeacherSessionCookie & { teacherId: string }> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_INPUT", issue?.message ?? "Invalid sign-in", String(issue?.path[0] ?? ""));
  }
  const { email, password } = parsed.data;
  const rules = signInRules(env, ip, email);
  const pairKey = rules[0]?.rule.key ?? email;
  if ((inFlight.get(pairKey) ?? 0) >= SIGNIN_IN_FLIGHT_PER_PAIR) {
    throw new AppError("RATE_LIMITED", "A sign-in for this email is already being checked: wait a moment.");
  }
  inFlight.set(pairKey, (inFlight.get(pairKey) ?? 0) + 1);
  try {
    const failures = await Promise.all(rules.map(({ rule }) => readRateLimitCount(db, rule)));
    const delayMs = Math.max(0, ...rules.map(({ backoff }, i) => backoffDelayMs(failures[i] ?? 0, backoff)));
    if (delayMs > 0) await sleep(delayMs);
    const teacher = await db.teacher.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
    const isValid = await verifyPassword(teacher?.passwordHash ?? (await getDummyHash()), password);
    if (!teacher || !isValid) {
      await Promise.all(rules.map(({ rule }) => recordRateLimitHit(db, rule)));
      throw new AppError("INVALID_CREDENTIALS", "Wrong email or password.");
    }
    const session = await startTeacherSession(db, teacher.id, env.TEACHER_SESSION_DAYS);
    return { ...session, teacherId: teacher.id };
  } finally {
    const left = (inFlight.get(pairKey) ?? 1) - 1;
    if (left > 0) inFlight.set(pairKey, left);
    else inFlight.delete(pairKey);
  }
}
