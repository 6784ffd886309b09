import type { PrismaClient } from "../db/client";

export type RateLimitRule = {
  /** What is limited and for whom, e.g. `signin:ip:203.0.113.7`. */
  key: string;
  limit: number;
  windowMs: number;
};

export type RateLimitState = { isLimited: boolean; retryAfterMs: number };

/**
 * Fixed-window counters in PostgreSQL, so every server process shares them.
 * `checkRateLimit` reads without counting; `recordRateLimitHit` counts one event.
 */
export async function checkRateLimit(db: PrismaClient, rule: RateLimitRule, now = new Date()): Promise<RateLimitState> {
  const row = await db.rateLimit.findUnique({ where: { key: rule.key } });
  if (!row || row.resetAt <= now) return { isLimited: false, retryAfterMs: 0 };
  const isLimited = row.count >= rule.limit;
  return { isLimited, retryAfterMs: isLimited ? row.resetAt.getTime() - now.getTime() : 0 };
}

/** Events counted for `rule.key` in its current window (0 when none or the window is over). */
export async function readRateLimitCount(db: PrismaClient, rule: RateLimitRule, now = new Date()): Promise<number> {
  const row = await db.rateLimit.findUnique({ where: { key: rule.key } });
  return !row || row.resetAt <= now ? 0 : row.count;
}

export async function recordRateLimitHit(db: PrismaClient, rule: RateLimitRule, now = new Date()): Promise<void> {
  const resetAt = new Date(now.getTime() + rule.windowMs);
  // One atomic statement: concurrent failures cannot both read a stale count.
  await db.$executeRaw`
    INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${rule.key}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN ${resetAt} ELSE "RateLimit"."resetAt" END`;
}

export function formatRetryAfter(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 1 ? "a minute" : `${minutes} minutes`;
}
