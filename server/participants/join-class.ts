import { nicknameKey, suggestNickname } from "@/lib/classroom";
import { ERROR_CODE, type JoinResponse, joinRequestSchema } from "@/lib/protocol";
import { checkRateLimit, formatRetryAfter, type RateLimitRule, recordRateLimitHit } from "../auth/rate-limit";
import { createToken, hashToken } from "../auth/tokens";
import type { PrismaClient } from "../db/client";
import type { Env } from "../env";

export type JoinClassOptions = { input: unknown; ip: string; env: Env };

function joinRule(env: Env, ip: string): RateLimitRule {
  return { key: `join:ip:${ip}`, limit: env.JOIN_FAILURES_PER_IP, windowMs: env.JOIN_WINDOW_SECONDS * 1000 };
}

/**
 * A student joins a live class by code and nickname and gets a participant token (only its hash
 * is stored). Unknown codes count against the caller's IP; successful joins never do, because a
 * whole lecture hall may share one address behind NAT.
 */
export async function joinClass(db: PrismaClient, { input, ip, env }: JoinClassOptions): Promise<JoinResponse> {
  const parsed = joinRequestSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: ERROR_CODE.invalidPayload, message: parsed.error.issues[0]?.message ?? "Invalid join" },
    };
  }
  const { code, nickname } = parsed.data;
  const rule = joinRule(env, ip);
  const limit = await checkRateLimit(db, rule);
  if (limit.isLimited) {
    const message = `Too many wrong codes from this network. Try again in ${formatRetryAfter(limit.retryAfterMs)}.`;
    return { ok: false, error: { code: ERROR_CODE.rateLimited, message } };
  }
  const session = await db.classSession.findUnique({
    where: { joinCode: code },
    select: { id: true, status: true, isJoinOpen: true },
  });
  if (!session) {
    await recordRateLimitHit(db, rule);
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
  const taken = await db.participant.findMany({ where: { classSessionId: session.id }, select: { nickname: true } });
  const takenNames = taken.map((participant) => participant.nickname);
  if (takenNames.some((name) => nicknameKey(name) === nicknameKey(nickname)))
    return nicknameTaken(nickname, takenNames);

  const token = createToken();
  try {
    const participant = await db.participant.create({
      data: { classSessionId: session.id, nickname, tokenHash: hashToken(token) },
      select: { id: true },
    });
    return { ok: true, classId: session.id, participantId: participant.id, token };
  } catch (error) {
    // Two students racing for one nickname: the unique index decides.
    if (typeof error === "object" && error !== null && "code" in error && error.code === "P2002") {
      return nicknameTaken(nickname, [...takenNames, nickname]);
    }
    throw error;
  }
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
