/**
 * The student client's one retry policy, for the page and the bots alike. socket.io resends a
 * packet that got no answer (ackTimeout × retries, socket-port.ts); this decides what an answer
 * means: done, "not now" (keep it, back off, send it again), or a refusal to show.
 */
import { doublingDelayMs } from "../backoff";
import { ERROR_CODE, type ErrorCode, RECONNECT_DELAY_MAX_MS } from "../protocol";

/**
 * "Not now" answers: the database did not confirm in time (the server keeps retrying its write),
 * or a rate limit. The client keeps its copy and sends it again after {@link retryDelayMs}.
 */
export const RETRY_LATER_CODES: ReadonlySet<ErrorCode> = new Set([
  ERROR_CODE.storageUnavailable,
  ERROR_CODE.rateLimited,
]);

/** Connection refusals that retrying will not change: the client closes and says why. */
export const FINAL_CONNECT_CODES: ReadonlySet<ErrorCode> = new Set([
  ERROR_CODE.notFound,
  ERROR_CODE.removed,
  ERROR_CODE.classEnded,
  ERROR_CODE.versionMismatch,
  ERROR_CODE.invalidPayload,
  ERROR_CODE.joinDenied,
]);

/**
 * run:finish answers after which resending is pointless: the server no longer wants this run
 * (reset, removed, ended) or will never take the payload. Anything else not ok is resent.
 */
export const FINISH_DONE_CODES: ReadonlySet<ErrorCode> = new Set([
  ERROR_CODE.staleRun,
  ERROR_CODE.invalidPayload,
  ERROR_CODE.removed,
  ERROR_CODE.classEnded,
]);

/** First resend after a "not now": above run:start's 500 ms limit, so a rate-limited start passes. */
export const RETRY_MIN_MS = 600;
/** Resends never wait longer: a result is stored within ~8 s of the database coming back. */
export const RETRY_MAX_MS = 8_000;
/**
 * Each wait is randomized by ±this fraction: 300 students whose finishes waited through one
 * outage do not all resend in the same millisecond.
 */
export const RETRY_RANDOMIZATION = 0.25;
/**
 * Attempts of a request the student waits on (run:start, cell:check, lesson:step) before the
 * page shows the refusal: with the server's 4 s storage deadline, about 20 s of trying.
 */
export const WAITED_REQUEST_ATTEMPTS = 4;
/**
 * After a refused connection for a passing reason (a restarting server's database waking up),
 * socket.io does not retry by itself; the client tries again this much later.
 */
export const RETRY_CONNECT_MS = RECONNECT_DELAY_MAX_MS;

/**
 * The wait before resend number `attempt` (1 for the first resend): doubling from
 * {@link RETRY_MIN_MS} up to {@link RETRY_MAX_MS}, randomized; `random` returns [0, 1).
 *
 * @example retryDelayMs(1, () => 0.5) // 600
 */
export function retryDelayMs(attempt: number, random: () => number): number {
  const base = doublingDelayMs(attempt - 1, RETRY_MIN_MS, RETRY_MAX_MS);
  return Math.round(base * (1 + RETRY_RANDOMIZATION * (2 * random() - 1)));
}
