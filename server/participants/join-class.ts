import { nicknameKey, suggestNickname } from "@/lib/classroom";
import { ERROR_CODE, type JoinResponse, joinRequestSchema, MAX_WAITING_STUDENTS } from "@/lib/protocol";
import {
  checkRateLimit,
  formatRetryAfter,
  type RateLimitRule,
  readRateLimitCount,
  recordRateLimitHit,
} from "../auth/rate-limit";
import { createToken, hashToken } from "../auth/tokens";
import { JoinRequestStatus, type PrismaClient } from "../db/client";
import type { Env } from "../env";
import { backoffDelayMs, JOIN_DELAY_BASE_MS, JOIN_FREE_UNKNOWN_CODES } from "../security/limits";

/** The per-address delay; its cap is JOIN_DELAY_CAP_MS from the env. */
const JOIN_BACKOFF = { free: JOIN_FREE_UNKNOWN_CODES, baseMs: JOIN_DELAY_BASE_MS, capMs: Number.POSITIVE_INFINITY };

export type JoinClassOptions = {
  input: unknown;
  ip: string;
  env: Env;
  /** How the per-address delay is waited out; tests pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
};

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The join limits (server/security/limits.ts) as rate-limit table rules. */
function joinRules(env: Env, ip: string) {
  return {
    unknownFromIp: { key: `join:unknown:ip:${ip}`, limit: 0, windowMs: env.JOIN_WINDOW_SECONDS * 1000 },
    unknownGlobal: { key: "join:unknown:all", limit: env.JOIN_UNKNOWN_CODES_PER_MINUTE, windowMs: 60_000 },
    joinsFromIp: { key: `join:ok:ip:${ip}`, limit: env.JOIN_RATE_PER_IP_PER_MINUTE, windowMs: 60_000 },
  } satisfies Record<string, RateLimitRule>;
}

function rateLimited(message: string): JoinResponse {
  return { ok: false, error: { code: ERROR_CODE.rateLimited, message } };
}

/**
 * A student joins a live class by code and nickname and gets a participant token (only its hash
 * is stored). Guessing is slowed without refusing a right code for earlier wrong ones (a whole
 * lecture hall may share one address behind NAT): every attempt from an address waits a delay
 * that grows with its recent unknown codes, capped at JOIN_DELAY_CAP_MS, before the code is
 * looked up, so the wait tells nothing about which codes exist. Beyond that, a global budget of
 * unknown codes per minute and a per-address join rate (server/security/limits.ts).
 *
 * Approval mode (and any join from an address the teacher denied a join from, in this class):
 * the join is stored as a WAITING join request and answered `isWaiting: true` with a token that
 * connects to the waiting list only; the teacher admits or denies it on the dashboard.
 */
export async function joinClass(db: PrismaClient, options: JoinClassOptions): Promise<JoinResponse> {
  const { input, ip, env, sleep = sleepFor } = options;
  const parsed = joinRequestSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: ERROR_CODE.invalidPayload, message: parsed.error.issues[0]?.message ?? "Invalid join" },
    };
  }
  const { code, nickname } = parsed.data;
  const rules = joinRules(env, ip);
  const [unknownFromIp, unknownGlobal, joinsFromIp] = await Promise.all([
    readRateLimitCount(db, rules.unknownFromIp),
    checkRateLimit(db, rules.unknownGlobal),
    checkRateLimit(db, rules.joinsFromIp),
  ]);
  if (joinsFromIp.isLimited) {
    const seconds = Math.ceil(joinsFromIp.retryAfterMs / 1000);
    return rateLimited(`Many students are joining from this network: try again in ${seconds} s.`);
  }
  if (unknownGlobal.isLimited && unknownFromIp > 0) {
    return rateLimited(
      `Too many wrong join codes are being tried: try again in ${formatRetryAfter(unknownGlobal.retryAfterMs)}.`,
    );
  }
  const delayMs = Math.min(env.JOIN_DELAY_CAP_MS, backoffDelayMs(unknownFromIp, JOIN_BACKOFF));
  if (delayMs > 0) await sleep(delayMs);
  const session = await db.classSession.findUnique({
    where: { joinCode: code },
    select: { id: true, status: true, isJoinOpen: true, isApprovalRequired: true },
  });
  if (!session) {
    await Promise.all([recordRateLimitHit(db, rules.unknownFromIp), recordRateLimitHit(db, rules.unknownGlobal)]);
    return {
      ok: false,
      error: { code: ERROR_CODE.notFound, message: `No class uses the code ${code}. Check the code on the projector.` },
    };
  }
  if (session.status === "ENDED") {
    return { ok: false, error: { code: ERROR_CODE.classEnded, message: "This class has ended." } };
  }
  if (!session.isJoinOpen) {
    return {
      ok: false,
      error: { code: ERROR_CODE.joinClosed, message: "The teacher has closed joining for this class." },
    };
  }
  // Waiting students' nicknames are taken too: admitting one must never clash with a tile.
  const [taken, waiting] = await Promise.all([
    db.participant.findMany({ where: { classSessionId: session.id }, select: { nickname: true } }),
    db.joinRequest.findMany({
      where: { classSessionId: session.id, status: JoinRequestStatus.WAITING },
      select: { nickname: true },
    }),
  ]);
  const takenNames = [...taken, ...waiting].map((row) => row.nickname);
  if (takenNames.some((name) => nicknameKey(name) === nicknameKey(nickname)))
    return nicknameTaken(nickname, takenNames);

  const token = createToken();
  const addressHash = hashAddress(ip);
  if (session.isApprovalRequired || (await wasDeniedFrom(db, session.id, addressHash))) {
    if (waiting.length >= MAX_WAITING_STUDENTS) {
      return rateLimited("The class's waiting list is full: try again when your teacher has let some students in.");
    }
    const request = await db.joinRequest.create({
      data: { classSessionId: session.id, nickname, tokenHash: hashToken(token), addressHash },
      select: { id: true },
    });
    await recordRateLimitHit(db, rules.joinsFromIp);
    return { ok: true, classId: session.id, participantId: request.id, token, isWaiting: true };
  }
  try {
    const participant = await db.participant.create({
      data: { classSessionId: session.id, nickname, tokenHash: hashToken(token) },
      select: { id: true },
    });
    await recordRateLimitHit(db, rules.joinsFromIp);
    return { ok: true, classId: session.id, participantId: participant.id, token };
  } catch (error) {
    // Two students racing for one nickname: the unique index decides.
    if (typeof error === "object" && error !== null && "code" in error && error.code === "P2002") {
      return nicknameTaken(nickname, [...takenNames, nickname]);
    }
    throw error;
  }
}

/**
 * The joining address as stored on a join request: SHA-256, so the table holds no addresses. Not
 * a secret (an IPv4 hash can be brute-forced); it only says "the same address as a denied join".
 */
function hashAddress(ip: string): string {
  return hashToken(`join-address:${ip}`);
}

/**
 * True when the teacher denied a join from this address in this class: its later joins wait for
 * approval even with approval mode off, so a denied student cannot walk back in under another
 * nickname. Behind a NAT this sends classmates to the waiting list too, never refuses them.
 */
async function wasDeniedFrom(db: PrismaClient, classId: string, addressHash: string): Promise<boolean> {
  const denied = await db.joinRequest.findFirst({
    where: { classSessionId: classId, addressHash, status: JoinRequestStatus.DENIED },
    select: { id: true },
  });
  return denied !== null;
}

function nicknameTaken(nickname: string, takenNames: string[]): JoinResponse {
  const suggestion = suggestNickname(takenNames, nickname);
  return {
    ok: false,
    error: {
      code: ERROR_CODE.nicknameTaken,
      message: `Someone in this class is already called ${nickname}. Try ${suggestion}?`,
    },
    suggestion,
  };
}
