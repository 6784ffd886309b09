/**
 * The teacher socket's snapshot tray and class consensus (issue 16): listeners that validate
 * teacher:tray and teacher:consensus with lib/protocol, and snapshot:control with its ack. Used by
 * the class feed (use-class-feed.ts), which owns the socket.
 */
import {
  type Ack,
  SERVER_EVENTS,
  type SnapshotControl,
  type SnapshotWeightsStatus,
  snapshotControlAckSchema,
  TEACHER_EVENTS,
  type TeacherConsensus,
  type TeacherTray,
  teacherConsensusSchema,
  teacherTraySchema,
} from "@/lib/protocol";
import { emitAcked, listenValid, type TeacherSocket } from "./teacher-socket";

/** A snapshot command is stored before its ack: a slow database may take a few seconds. */
const SNAPSHOT_ACK_TIMEOUT_MS = 10_000;

/** The answer to a snapshot command; a `take` names the new snapshot. */
export type SnapshotAck = Ack<{ snapshotId?: string | undefined; weights?: SnapshotWeightsStatus | undefined }>;

/** Listens for the tray and the consensus; returns nothing to clean up (the feed removes every listener). */
export function listenCompare(
  socket: TeacherSocket,
  onTray: (tray: TeacherTray) => void,
  onConsensus: (consensus: TeacherConsensus) => void,
): void {
  listenValid(socket, SERVER_EVENTS.teacherTray, teacherTraySchema, onTray);
  listenValid(socket, SERVER_EVENTS.teacherConsensus, teacherConsensusSchema, onConsensus);
}

/** Sends a snapshot command; resolves with its validated ack (never rejects). */
export function emitSnapshotControl(socket: TeacherSocket | null, command: SnapshotControl): Promise<SnapshotAck> {
  return emitAcked(socket, TEACHER_EVENTS.snapshotControl, command, snapshotControlAckSchema, SNAPSHOT_ACK_TIMEOUT_MS);
}
