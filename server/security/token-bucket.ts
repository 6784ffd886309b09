import type { RateRule } from "./limits";

/** One bucket's state: start with {@link fullBucket}. */
export type TokenBucket = { tokens: number; refilledAt: number };

/** A bucket that has never been used: full at its first take. */
export function fullBucket(): TokenBucket {
  return { tokens: Number.POSITIVE_INFINITY, refilledAt: Number.NEGATIVE_INFINITY };
}

/**
 * Takes one token at time `at` (ms) if there is one; refills first at the rule's sustained rate,
 * never above its burst. So over any long window at most `burst + window / refillMs` pass.
 *
 * @example
 * if (!takeToken(member.rates.cellCheck, STUDENT_EVENT_RATES.cellCheck, now())) return rateLimited();
 */
export function takeToken(bucket: TokenBucket, rule: RateRule, at: number): boolean {
  const refill = (at - bucket.refilledAt) / rule.refillMs;
  bucket.tokens = Math.min(rule.burst, bucket.tokens + refill);
  bucket.refilledAt = at;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
