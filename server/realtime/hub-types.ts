/** The hub's shapes: its options, a room with its sockets, and how a socket is bound. */
import type { ROLE } from "../../lib/protocol";
import type { ClassRoom } from "./class-room";
import type { HubHooks } from "./hub-handlers";
import type { RoomSocket } from "./room-socket";

/** setInterval/clearInterval, injectable so tests drive ticks by hand. */
export type Timer = {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
};

/** Options of {@link createClassRoomHub}. */
export type HubOptions = {
  now: () => number;
  createId: () => string;
  timer?: Timer;
  hooks?: HubHooks;
};

/** A room and the sockets bound to it. */
export type RoomEntry = {
  room: ClassRoom;
  teachers: Set<RoomSocket>;
  students: Map<string, Set<RoomSocket>>;
};

/** How a socket is bound: its role, class and (students) participant. */
export type Binding = { socket: RoomSocket; classId: string } & (
  | { role: typeof ROLE.teacher; teacherId: string }
  | { role: typeof ROLE.student; participantId: string }
);
