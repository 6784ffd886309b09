/** Fakes for driving rooms and the hub without a network: a clock, ids, sockets that record. */
import { defaultSessionSettings, type SessionSettings } from "../../../lib/classroom/settings";
import {
  MAP_BYTES,
  type ProgressUpdate,
  type TeacherFrame,
  type TeacherSnapshot,
  teacherFrameSchema,
  teacherSnapshotSchema,
} from "../../../lib/protocol";
import { createClassRoom } from "../../../server/realtime/class-room";
import type { RoomSocket } from "../../../server/realtime/room-socket";

/** A clock the test moves by hand. */
export function createClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Sequential ids: run_1, run_2, … */
export function createIds(prefix = "run") {
  let next = 0;
  return () => `${prefix}_${++next}`;
}

export function createTestRoom(overrides: { settings?: SessionSettings; classId?: string; ownerId?: string } = {}) {
  const clock = createClock();
  const room = createClassRoom({
    classId: overrides.classId ?? "class_1",
    ownerId: overrides.ownerId ?? "teacher_1",
    title: "Stacking layers",
    settings: overrides.settings ?? defaultSessionSettings(),
    now: clock.now,
    createId: createIds(),
  });
  return { room, clock };
}

/** The room's next frame as a teacher's browser reads it (through the wire schema: maps unpacked), or null. */
export function takeDecodedFrame(room: ReturnType<typeof createClassRoom>): TeacherFrame | null {
  const wire = room.tick();
  return wire && teacherFrameSchema.parse(wire);
}

/** The room's snapshot as a teacher's browser reads it (maps unpacked onto their tiles). */
export function decodedSnapshot(room: ReturnType<typeof createClassRoom>): TeacherSnapshot {
  return teacherSnapshotSchema.parse(room.snapshotForTeacher());
}

export function mapFilled(value: number): Uint8Array {
  return new Uint8Array(MAP_BYTES).fill(value);
}

export function progress(
  runId: string,
  points: [number, number][],
  extra: Partial<ProgressUpdate> = {},
): ProgressUpdate {
  const last = points[points.length - 1];
  return { runId, step: last?.[0] ?? 0, accuracy: 0.6, points, ...extra };
}

/** Starts a run for `participantId` and returns its id (throws in the test if refused). */
export function startRun(room: ReturnType<typeof createClassRoom>, participantId: string): string {
  const result = room.startRun(participantId, { choice: {} });
  if (!result.ok) throw new Error(`run refused: ${result.error.code}`);
  return result.runId;
}

export type Emitted = { event: string; payload: unknown };

/** A socket that records what it was sent. */
export type FakeSocket = RoomSocket & { sent: Emitted[]; isOpen: boolean; ofEvent(event: string): unknown[] };

export function createFakeSocket(id: string): FakeSocket {
  const socket: FakeSocket = {
    id,
    isOpen: true,
    sent: [],
    emit(event, payload) {
      socket.sent.push({ event, payload });
    },
    disconnect() {
      socket.isOpen = false;
    },
    ofEvent(event) {
      return socket.sent.filter((entry) => entry.event === event).map((entry) => entry.payload);
    },
  };
  return socket;
}
