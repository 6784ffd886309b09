/**
 * Every abuse limit of the server, with its reason, in one place (the protocol's sizes are in
 * lib/protocol/limits.ts). Limits a deployment may need to tune are env variables (server/env.ts)
 * whose defaults are the `DEFAULT_*` values here; the rest are fixed. The README's security
 * section lists each and what a refused client sees.
 */
import { doublingDelayMs } from "../../lib/backoff";
import {
  MAX_TRAY_SNAPSHOTS,
  NETWORK_MIN_INTERVAL_MS,
  PROGRESS_MIN_INTERVAL_MS,
  RESUME_MIN_INTERVAL_MS,
} from "../../lib/protocol";

/** A token bucket: `burst` tokens at most, one more every `refillMs` (the sustained rate). */
export type RateRule = { burst: number; refillMs: number };

/**
 * Updates a 4/s stream may arrive bunched: a server stalled for up to 3 s (a long GC, a busy
 * machine, a reconnecting hall) reads that many queued updates from one socket at once. The
 * limit is the sustained rate; arrival bunching of honest traffic must not be refused (a burst
 * of 3 refused 68–205 updates at 300 students and thousands at 1,000 in issue 13's runs).
 */
export const BUNCHED_UPDATES_MAX = 12;

/**
 * Student events, per participant, kept in memory by the room (the database-backed table is for
 * HTTP sign-in and joins). Refused events are answered RATE_LIMITED and change nothing.
 */
export const STUDENT_EVENT_RATES = {
  /**
   * progress:update at the documented 4/s sustained; the burst is {@link BUNCHED_UPDATES_MAX}, what
   * a stalled server reads at once. A flood gets that burst once, then 4/s.
   */
  progress: { burst: BUNCHED_UPDATES_MAX, refillMs: PROGRESS_MIN_INTERVAL_MS },
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
  /**
   * progress:resume: a reconnecting student sends their whole curve once; a second one within the
   * documented interval is a loop or an attack, and each one rebuilds the room's curve.
   */
  progressResume: { burst: 1, refillMs: RESUME_MIN_INTERVAL_MS },
  /**
   * network:weights at the documented 4/s, only while watched; a burst of 3 (a starved server
   * reads queued messages together). Each one is forwarded to every teacher socket, and a refused
   * one costs only a redraw of the spotlit network (the next one follows within 250 ms).
   */
  network: { burst: 3, refillMs: NETWORK_MIN_INTERVAL_MS },
  /**
   * network:answer: one per weights request, and the server asks a student at most once at a
   * time (one request per snapshot taken of them, a second take while one waits shares it). A
   * teacher filling the tray with one student's snapshots sends MAX_TRAY_SNAPSHOTS takes at most,
   * so that burst at 4/s sustained is never refused to an honest page; a script flooding answers
   * is refused before its weights are scored on the run's points (the schema check is bounded by the message size).
   */
  networkAnswer: { burst: MAX_TRAY_SNAPSHOTS, refillMs: 250 },
  /**
   * run:edit: a student clicking points in as fast as they can is ~5/s; each edit is stored and
   * rebuilds the run's data, so a script must not send hundreds a second.
   */
  runEdit: { burst: 10, refillMs: 200 },
} as const satisfies Record<string, RateRule>;

/**
 * A socket that has not authenticated (sent its handshake and passed it) within this is closed:
 * socket.io's connectTimeout. A real client authenticates in one round trip plus one query.
 */
export const UNAUTHENTICATED_SOCKET_TIMEOUT_MS = 5000;

/**
 * Default of SOCKETS_PER_ADDRESS_MAX: open socket connections from one address. Generous: a
 * lecture hall of 1,000 behind one NAT, each student with a second tab, plus the teacher's
 * screens, stays under it; one machine holding thousands of connections does not.
 */
export const DEFAULT_SOCKETS_PER_ADDRESS_MAX = 2500;
/**
 * Default of UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX: connections from one address that have not
 * passed the handshake yet (each lives at most UNAUTHENTICATED_SOCKET_TIMEOUT_MS). A real client
 * authenticates in one round trip plus one query, so even 1,000 students joining within 10 s
 * from one NAT hold a few dozen at once; a flood of never-authenticating sockets holds this many.
 */
export const DEFAULT_UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX = 100;

/**
 * A delay that grows with recent failures: none for the first `free`, then `baseMs` doubling
 * with each further one, never above `capMs`.
 */
export type BackoffRule = { free: number; baseMs: number; capMs: number };

/** The delay for `failures` recent failures under `rule`. */
export function backoffDelayMs(failures: number, rule: BackoffRule): number {
  if (failures < rule.free) return 0;
  return doublingDelayMs(failures - rule.free, rule.baseMs, rule.capMs);
}

// ── joins (POST /api/join), counted in the database table so every process shares them ────────

/**
 * Unknown codes an address may send in JOIN_WINDOW_SECONDS before its joins are slowed: a class
 * mistyping the code off the projector makes a few, a guesser makes thousands.
 */
export const JOIN_FREE_UNKNOWN_CODES = 10;
/** The first delay after the free ones; it doubles per further unknown code up to JOIN_DELAY_CAP_MS. */
export const JOIN_DELAY_BASE_MS = 250;
/**
 * Default of JOIN_DELAY_CAP_MS: every join attempt from a guessing address (right code or not)
 * waits this long at most. A student behind that NAT still gets in, a few seconds late; a guesser
 * tries at most one code per 3 s per request in flight.
 */
export const DEFAULT_JOIN_DELAY_CAP_MS = 3000;
/** Default of JOIN_WINDOW_SECONDS: how long an address's unknown codes count. */
export const DEFAULT_JOIN_WINDOW_SECONDS = 10 * 60;
/**
 * Default of JOIN_UNKNOWN_CODES_PER_MINUTE: unknown codes per minute from everyone together.
 * Guessing from many addresses defeats per-address delays; once this budget is spent, an address
 * that already sent an unknown code this window is refused (RATE_LIMITED) whatever the code, so
 * guesses tell nothing, while addresses that never mistyped join as usual.
 */
export const DEFAULT_JOIN_UNKNOWN_CODES_PER_MINUTE = 600;
/**
 * Default of JOIN_RATE_PER_IP_PER_MINUTE: joins per address per minute. A lecture hall of 1,000
 * behind one NAT gets in within a minute; one script cannot add 100 fake students a second.
 * Approval mode is the answer to a flood of fake students; `npm run load` raises this.
 */
export const DEFAULT_JOIN_RATE_PER_IP_PER_MINUTE = 1000;

// ── teacher sign-in and sign-up (server actions), also in the database table ───────────────────

/**
 * Sign-in slows down, it never locks out (OWASP Authentication Cheat Sheet: lock-out by account
 * is a denial-of-service weapon). Failures in SIGNIN_WINDOW_SECONDS delay the next check of the
 * password: per (email, address) pair up to SIGNIN_DELAY_CAP_MS, per email from anywhere up to
 * SIGNIN_EMAIL_DELAY_CAP_MS. A real teacher waits seconds, never minutes.
 */
export const SIGNIN_FREE_FAILURES = 3;
/** The first sign-in delay after the free failures; it doubles per failure up to the cap. */
export const SIGNIN_DELAY_BASE_MS = 500;
/** Default of SIGNIN_DELAY_CAP_MS: the most one (email, address) pair waits. */
export const DEFAULT_SIGNIN_DELAY_CAP_MS = 10_000;
/** Default of SIGNIN_EMAIL_DELAY_CAP_MS: the most anyone signing in to one email waits for others' failures. */
export const DEFAULT_SIGNIN_EMAIL_DELAY_CAP_MS = 3000;
/** Default of SIGNIN_WINDOW_SECONDS. */
export const DEFAULT_SIGNIN_WINDOW_SECONDS = 15 * 60;
/**
 * At most one sign-in per (email, address) pair is checked at a time; a second one in flight is
 * refused, so parallel requests cannot skip the pair's delay.
 */
export const SIGNIN_IN_FLIGHT_PER_PAIR = 1;
/** Default of SIGNUPS_PER_IP_PER_HOUR: a school's teachers sign up from one address; a script cannot mint thousands. */
export const DEFAULT_SIGNUPS_PER_IP_PER_HOUR = 20;
/**
 * Default of ARGON2_MAX_CONCURRENT: argon2 hashes at once. Each takes 19 MiB on libuv's 4 threads;
 * the rest wait in line (at most ARGON2_MAX_QUEUED), so a flood of sign-ins cannot exhaust memory
 * or starve the thread pool the database driver and file reads share.
 */
export const DEFAULT_ARGON2_MAX_CONCURRENT = 2;
/** Hashes waiting for a slot; beyond this a sign-in or sign-up is refused as busy, hashing nothing. */
export const ARGON2_MAX_QUEUED = 64;
