/**
 * The class consensus, live (issue 16): on the hub's tick, for each class a teacher watches, at
 * most every CONSENSUS_MIN_INTERVAL_MS, the average and disagreement maps of the students' maps
 * (lib/classroom/consensus), sent to the class's teacher sockets only when they changed
 * (teacher:consensus). A class nobody watches costs nothing. A teacher who connects gets the
 * latest at once.
 */
import { computeConsensus } from "../../lib/classroom/consensus";
import {
  CONSENSUS_MIN_INTERVAL_MS,
  isSameMap,
  MAP_BYTES,
  SERVER_EVENTS,
  type TeacherConsensus,
} from "../../lib/protocol";
import type { RoomEntry } from "./hub-types";
import { ROOM_NAME, type RoomDelivery } from "./room-delivery";
import type { RoomSocket } from "./room-socket";

/** What was last computed for a class. */
type Latest = { at: number; sent: TeacherConsensus | null };

/** An uncertain, blank map: what "no maps" is drawn as (count 0). */
const BLANK_MAP = new Uint8Array(MAP_BYTES).fill(128);

/** The consensus of a hub's rooms. */
export type RoomConsensus = ReturnType<typeof createRoomConsensus>;

/**
 * @example
 * const consensus = createRoomConsensus({ now: Date.now, delivery });
 * consensus.tick(entry); // from the hub's tick, every room
 */
export function createRoomConsensus(options: { now: () => number; delivery: RoomDelivery }) {
  const { now, delivery } = options;
  const latest = new Map<string, Latest>();

  return {
    /** Recomputes the class's consensus when a teacher watches and the interval passed; sends it if it changed. */
    tick(entry: RoomEntry): void {
      if (entry.teachers.size === 0) return;
      const classId = entry.room.classId;
      const at = now();
      const previous = latest.get(classId);
      if (previous && at - previous.at < CONSENSUS_MIN_INTERVAL_MS) return;
      const computed = computeConsensus(entry.room.consensusMaps());
      const next: TeacherConsensus | null = computed
        ? { t: at, count: computed.count, mean: computed.mean, disagreement: computed.disagreement }
        : previous?.sent && previous.sent.count > 0
          ? // The maps went (a reset): teachers are told once, so no stale consensus stays up.
            { t: at, count: 0, mean: BLANK_MAP, disagreement: new Uint8Array(MAP_BYTES) }
          : null;
      latest.set(classId, { at, sent: next ?? previous?.sent ?? null });
      const sent = previous?.sent;
      if (!next) return;
      if (
        sent &&
        sent.count === next.count &&
        isSameMap(sent.mean, next.mean) &&
        isSameMap(sent.disagreement, next.disagreement)
      )
        return;
      delivery.emitTo(ROOM_NAME.teachers(classId), SERVER_EVENTS.teacherConsensus, next);
    },

    /** A teacher socket connected: the latest consensus, if any, at once. */
    greet(entry: RoomEntry, socket: RoomSocket): void {
      const sent = latest.get(entry.room.classId)?.sent;
      if (sent && socket.isOpen) socket.emit(SERVER_EVENTS.teacherConsensus, sent);
    },

    /** The room closed or moved away. */
    forget(classId: string): void {
      latest.delete(classId);
    },
  };
}
