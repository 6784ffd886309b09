/**
 * Every abuse limit of the server, with its reason, in one place (the protocol's sizes are in
 * lib/protocol/limits.ts). Limits a deployment may need to tune are env variables (server/env.ts)
 * whose defaults are the `DEFAULT_*` values here; the rest are fixed. The README's security
 * section lists each and what a refused client sees.
 */
import { PROGRESS_MIN_INTERVAL_MS } from "../../lib/protocol";

/** A token bucket: `burst` tokens at most, one more every `refillMs` (the sustained rate). */
export type RateRule = { burst: number; refillMs: number };

/**
 * Student events, per participant, kept in memory by the room (the database-backed table is for
 * HTTP sign-in and joins). Refused events are answered RATE_LIMITED and change nothing.
 */
export const STUDENT_EVENT_RATES = {
  /**
   * progress:update at the documented 4/s sustained. A burst of 3 covers a server starved of CPU
   * reading two or three queued updates in one go (refusing them lost 1–25 % of points under load).
   */
  progress: { burst: 3, refillMs: PROGRESS_MIN_INTERVAL_MS },
  /** run:start: a click-happy student must not create a run (and a database row) per click. */
  runStart: { burst: 1, refillMs: 500 },
  /** run:finish: one per run, so no faster than run:start; a retry after a lost ack fits the burst. */
  runFinish: { burst: 2, refillMs: 500 },
  /**
   * cell:check: a student edits, then checks; one every 2 s sustained is more than anyone types,
   * and a burst of 10 lets a student re-check quickly. It bounds the dashboard's attempt count
   * (955 checks in 10 s were accepted before).
   */
  cellCheck: { burst: 10, refillMs: 2000 },
} as const satisfies Record<string, RateRule>;

/**
 * A socket that has not authenticated (sent its handshake and passed it) within this is closed:
 * socket.io's connectTimeout. A real client authenticates in one round trip plus one query.
 */
export const UNAUTHENTICATED_SOCKET_TIMEOUT_MS = 5000;
