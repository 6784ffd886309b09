/**
 * Who this process sees in class, as presence intervals to store (PresenceInterval): one opens
 * when a participant's first socket connects and closes when their last one does, when they are
 * removed or when the session ends. Time in class is then the union of real connection time, not
 * "last seen − joined", which counted a forgotten tab as minutes of class.
 */
import { randomUUID } from "node:crypto";

/**
 * While a participant stays connected their open interval's end moves forward this often: a
 * crashed process then loses at most 15 s of anyone's time, for 1 row per 15 s per student
 * (20 rows/s for 300), written in the batch that goes out anyway.
 */
export const PRESENCE_HEARTBEAT_MS = 15_000;

/** An interval to create; `endedAt` is its close, or its start while still open. */
export type PresenceOpen = { id: string; participantId: string; startedAt: number; endedAt: number };
/** A new end for an interval already written: its close or a heartbeat. */
export type PresenceEnd = { id: string; endedAt: number };

type OpenInterval = { id: string; classId: string; participantId: string; beatAt: number };

/** The tracker's API. */
export type PresenceTracker = ReturnType<typeof createPresenceTracker>;

/**
 * Creates an empty tracker; the batch writer takes what changed once per flush.
 *
 * @example
 * const presence = createPresenceTracker({ now: Date.now });
 * presence.connected(classId, participantId); // … presence.take(Date.now(), true) → rows to write
 */
export function createPresenceTracker(options: { now: () => number; createId?: () => string }) {
  const { now } = options;
  const createId = options.createId ?? randomUUID;
  const openByParticipant = new Map<string, OpenInterval>();
  const pendingOpens = new Map<string, PresenceOpen>();
  const pendingEnds = new Map<string, number>();

  function setEnd(id: string, at: number): void {
    const pending = pendingOpens.get(id);
    if (pending) pending.endedAt = at;
    else pendingEnds.set(id, at);
  }

  function close(interval: OpenInterval, at: number): void {
    openByParticipant.delete(interval.participantId);
    setEnd(interval.id, at);
  }

  return {
    /** A socket of this participant connected; opens an interval unless one is open already (another tab). */
    connected(classId: string, participantId: string): void {
      if (openByParticipant.has(participantId)) return;
      const at = now();
      const interval = { id: createId(), classId, participantId, beatAt: at };
      openByParticipant.set(participantId, interval);
      pendingOpens.set(interval.id, { id: interval.id, participantId, startedAt: at, endedAt: at });
    },

    /** Their last socket closed, or they were removed: the interval ends now. */
    disconnected(participantId: string): void {
      const interval = openByParticipant.get(participantId);
      if (interval) close(interval, now());
    },

    /** The session ended: every interval of the class ends now. */
    classEnded(classId: string): void {
      const at = now();
      for (const interval of [...openByParticipant.values()]) if (interval.classId === classId) close(interval, at);
    },

    /**
     * What to write: new intervals and new ends. With `withHeartbeat`, intervals still open whose
     * last written end is {@link PRESENCE_HEARTBEAT_MS} old move their end to `at`.
     */
    take(at: number, withHeartbeat: boolean): { opens: PresenceOpen[]; ends: PresenceEnd[] } {
      if (withHeartbeat) {
        for (const interval of openByParticipant.values()) {
          if (at - interval.beatAt < PRESENCE_HEARTBEAT_MS) continue;
          interval.beatAt = at;
          setEnd(interval.id, at);
        }
      }
      const opens = [...pendingOpens.values()];
      const ends = [...pendingEnds].map(([id, endedAt]) => ({ id, endedAt }));
      pendingOpens.clear();
      pendingEnds.clear();
      return { opens, ends };
    },

    /** Participants with an open interval in this process (for tests and diagnostics). */
    get openCount(): number {
      return openByParticipant.size;
    },
  };
}
