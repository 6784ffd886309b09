/**
 * The teacher socket's snapshot tray and class consensus (issue 16): listeners that validate
 * teacher:tray and teacher:consensus with lib/protocol, and snapshot:control with its ack. Used by
 * the class feed (use-class-feed.ts), which owns the socket.
 */
import type { Socket } from "socket.io-client";
import {
  type Ack,
  ERROR_CODE,
  SERVER_EVENTS,
  type SnapshotControl,
  type SnapshotWeightsStatus,
  snapshotControlAckSchema,
  TEACHER_EVENTS,
  type TeacherClientToServerEvents,
  type TeacherConsensus,
  type TeacherServerToClientEvents,
  type TeacherTray,
  teacherConsensusSchema,
  teacherTraySchema,
  validate,
} from "@/lib/protocol";

type TeacherSocket = Socket<TeacherServerToClientEvents, TeacherClientToServerEvents>;

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
  socket.on(SERVER_EVENTS.teacherTray, (raw: unknown) => {
    const parsed = validate(teacherTraySchema, raw);
    if (parsed.ok) onTray(parsed.data);
  });
  socket.on(SERVER_EVENTS.teacherConsensus, (raw: unknown) => {
    const parsed = validate(teacherConsensusSchema, raw);
    if (parsed.ok) onConsensus(parsed.data);
  });
}

/** Sends a snapshot command; resolves with its validated ack (never rejects). */
export function emitSnapshotControl(socket: TeacherSocket | null, command: SnapshotControl): Promise<SnapshotAck> {
  if (!socket?.connected)
    return Promise.resolve({
      ok: false,
      error: { code: ERROR_CODE.internal, message: "Not connected to the class; try again in a moment" },
    });
  return new Promise((resolve) => {
    socket.timeout(SNAPSHOT_ACK_TIMEOUT_MS).emit(TEACHER_EVENTS.snapshotControl, command, ((
      error: Error | null,
      raw: unknown,
    ) => {
      if (error)
        return resolve({
          ok: false,
          error: { code: ERROR_CODE.internal, message: "The server did not answer in time" },
        });
      const parsed = validate(snapshotControlAckSchema, raw);
      resolve(
        parsed.ok
          ? (parsed.data as SnapshotAck)
          : { ok: false, error: { code: ERROR_CODE.internal, message: "Unreadable answer from the server" } },
      );
    }) as never);
  });
}
