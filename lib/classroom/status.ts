/**
 * Statuses shown on the teacher's tiles and counted on the dashboard. Values are the wire format
 * (lib/protocol sends them as-is), so renaming one is a protocol change.
 */

/** What one participant is doing, as the dashboard shows it. */
export const PARTICIPANT_STATUS = {
  /** Connected, no run in progress (never trained, or their run was reset). */
  joined: "joined",
  /** A run is in progress and progress is arriving. */
  training: "training",
  /** The teacher paused the class while this participant had a run. */
  paused: "paused",
  /**
   * How a stored run ended when the server verified it at the target (Run.status REACHED_TARGET).
   * Never a live status: whether a student reached the target is its own flag and count.
   */
  reachedTarget: "reachedTarget",
  /** The last run ended with a non-finite or exploding loss. */
  diverged: "diverged",
  /** The last run ended below the target (all steps done or stopped by the student). */
  finished: "finished",
  /** No socket open for this participant; their tile keeps the last known state. */
  disconnected: "disconnected",
} as const;
/** One participant status. */
export type ParticipantStatus = (typeof PARTICIPANT_STATUS)[keyof typeof PARTICIPANT_STATUS];
/** Every participant status, in the order the dashboard lists its counts. */
export const PARTICIPANT_STATUSES = Object.values(PARTICIPANT_STATUS) as readonly ParticipantStatus[];
/** A student's one live status: what they are doing now (reaching the target is separate). */
export type LiveStatus = Exclude<ParticipantStatus, typeof PARTICIPANT_STATUS.reachedTarget>;
/** The live statuses, in the order the dashboard lists them; each student has exactly one. */
export const LIVE_STATUSES = PARTICIPANT_STATUSES.filter(
  (status): status is LiveStatus => status !== PARTICIPANT_STATUS.reachedTarget,
);

/** Lifecycle of a class; matches the database's ClassStatus (LIVE, ENDED) in lower case. */
export const CLASS_STATUS = {
  live: "live",
  ended: "ended",
} as const;
/** One class status. */
export type ClassStatus = (typeof CLASS_STATUS)[keyof typeof CLASS_STATUS];

/** How a run ended, as the student reports it in run:finish. */
export const RUN_OUTCOME = {
  /** Every configured step ran. */
  completed: "completed",
  /** The loss became non-finite or exploded; the worker stopped. */
  diverged: "diverged",
  /** The student stopped early, or the class was reset or paused for good. */
  stopped: "stopped",
} as const;
/** One run outcome. */
export type RunOutcome = (typeof RUN_OUTCOME)[keyof typeof RUN_OUTCOME];
