/**
 * What fault tests watch: a teacher's dashboard feed as tiles (snapshot + frames applied as the
 * dashboard applies them), and a class of bots with everything they report.
 */
import { io, type Socket } from "socket.io-client";
import {
  type ClassControl,
  type LossPoint,
  type ParticipantDeltaWire,
  PROTOCOL_VERSION,
  RECONNECT_OPTIONS,
  ROLE,
  type TeacherFrameWire,
  type TeacherSnapshotWire,
} from "@/lib/protocol";

/** A control's ack waits for its write; generous on a busy machine. */
const CONTROL_ACK_TIMEOUT_MS = 15_000;

/** A tile as the dashboard keeps it: the run's curve so far and its latest step. */
export type WatchedTile = { id: string; runId: string | null; step: number; points: LossPoint[] };

/** A teacher socket that reconnects like the dashboard and keeps every tile. */
export type TeacherWatch = {
  readonly tiles: ReadonlyMap<string, WatchedTile>;
  /** Wall-clock ms of every snapshot received (one per (re)connection). */
  readonly snapshotsAt: readonly number[];
  /** What the socket went through (connect, connect_error: …, disconnect: …), for failure messages. */
  readonly history: readonly string[];
  /** A class control, resolved with its ack (after the write committed). */
  control(command: ClassControl): Promise<unknown>;
  close(): void;
};

/** Connects as the class's teacher (cookie), with the clients' reconnect backoff. */
export function watchAsTeacher(url: string, classId: string, cookie: string): TeacherWatch {
  const tiles = new Map<string, WatchedTile>();
  const snapshotsAt: number[] = [];
  const history: string[] = [];
  const socket: Socket = io(url, {
    auth: { v: PROTOCOL_VERSION, role: ROLE.teacher, classId },
    extraHeaders: { cookie },
    transports: ["websocket"],
    ...RECONNECT_OPTIONS,
  });
  const apply = (delta: ParticipantDeltaWire) => {
    if (delta.isRemoved) return void tiles.delete(delta.id);
    const tile = tiles.get(delta.id) ?? { id: delta.id, runId: null, step: 0, points: [] };
    // A run id means a new (or resumed) run: the dashboard clears the curve, then appends.
    if (delta.runId !== undefined) {
      tile.runId = delta.runId;
      tile.points = [];
    }
    if (delta.step !== undefined) tile.step = delta.step;
    // `curve` replaces the tile's curve (a finished run's, a resume, a burst); `points` then append.
    if (delta.curve) tile.points = [...delta.curve];
    if (delta.points) tile.points.push(...delta.points);
    tiles.set(delta.id, tile);
  };
  socket.on("connect", () => history.push(`${Date.now()} connect`));
  socket.on("connect_error", (error) => history.push(`${Date.now()} connect_error: ${error.message}`));
  socket.on("disconnect", (reason) => history.push(`${Date.now()} disconnect: ${reason}`));
  socket.on("teacher:snapshot", (snapshot: TeacherSnapshotWire) => {
    snapshotsAt.push(Date.now());
    tiles.clear();
    for (const tile of snapshot.participants) apply({ ...tile, points: tile.points });
  });
  socket.on("teacher:frame", (frame: TeacherFrameWire) => {
    for (const delta of frame.participants) apply(delta);
  });
  return {
    tiles,
    snapshotsAt,
    history,
    control: (command) => socket.timeout(CONTROL_ACK_TIMEOUT_MS).emitWithAck("class:control", command),
    close: () => socket.disconnect(),
  };
}

/**
 * The widest gap a curve without a hole may have, as a share of its last step: lib/curve keeps
 * buckets a few per cent of the step wide (widening with the step), while the holes these tests look
 * for (an offline stretch, the steps before a crash) span most of the run.
 */
export const HOLE_FRACTION = 0.1;

/** The widest step gap between neighbouring points (a curve's hole), 0 for fewer than two points. */
export function widestGap(points: readonly LossPoint[]): number {
  let widest = 0;
  for (let i = 1; i < points.length; i++) widest = Math.max(widest, (points[i]?.[0] ?? 0) - (points[i - 1]?.[0] ?? 0));
  return widest;
}
