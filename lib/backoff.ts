/**
 * The one doubling delay: retries (the student client's resends, the database writer's) and
 * slow-downs (sign-in and join delays) all wait `baseMs`, doubling per step, never above `capMs`.
 */

/** Doublings beyond this change nothing (any cap is reached) and 2 ** n stays a finite number. */
const MAX_DOUBLINGS = 30;

/**
 * `baseMs × 2^doublings`, at most `capMs`; no doubling below 0.
 *
 * @example doublingDelayMs(2, 600, 8000) // 2400
 */
export function doublingDelayMs(doublings: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.min(MAX_DOUBLINGS, Math.max(0, doublings)));
}
