/**
 * Where the hub's messages go: named rooms, not socket lists. A class has a teacher room and a
 * student room, each participant a room of their own (all their tabs). The hub joins sockets to
 * rooms and emits to a room once; socket.io (server/realtime/io-delivery.ts) then fans out, and
 * with the Redis adapter also to sockets held by other processes. Tests use
 * {@link createLocalDelivery}: the same rooms over fake sockets, no network.
 */
import type { ServerEventName, ServerToClientEvents } from "../../lib/protocol";
import type { RoomSocket } from "./room-socket";

/** The hub's delivery interface: four members, so a fake or socket.io fits behind it. */
export type RoomDelivery = {
  /** Adds a socket to a room (idempotent). */
  join(socket: RoomSocket, room: string): void;
  /** Sends one event to every open socket in the room, wherever it is connected. */
  emitTo<E extends ServerEventName>(room: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** Closes every socket in the room (a removed student's tabs, an ended class). */
  disconnectRoom(room: string): void;
  /** Forgets a closed socket (rooms of a closed socket are left automatically by socket.io). */
  forget(socket: RoomSocket): void;
};

/** Room names; the class id is in every one so two classes never share a room. */
export const ROOM_NAME = {
  teachers: (classId: string) => `class:${classId}:teachers`,
  students: (classId: string) => `class:${classId}:students`,
  participant: (classId: string, participantId: string) => `class:${classId}:participant:${participantId}`,
} as const;

/**
 * Rooms kept in memory over {@link RoomSocket}s: what the hub uses when no socket.io server is
 * given (unit tests drive the hub with fake sockets through it).
 */
export function createLocalDelivery(): RoomDelivery {
  const rooms = new Map<string, Set<RoomSocket>>();
  const roomsOf = new Map<RoomSocket, Set<string>>();
  return {
    join(socket, room) {
      const members = rooms.get(room) ?? new Set();
      members.add(socket);
      rooms.set(room, members);
      const names = roomsOf.get(socket) ?? new Set();
      names.add(room);
      roomsOf.set(socket, names);
    },
    emitTo(room, event, ...args) {
      for (const socket of rooms.get(room) ?? []) if (socket.isOpen) socket.emit(event, ...args);
    },
    disconnectRoom(room) {
      for (const socket of [...(rooms.get(room) ?? [])]) {
        socket.disconnect();
        this.forget(socket);
      }
    },
    forget(socket) {
      for (const room of roomsOf.get(socket) ?? []) {
        const members = rooms.get(room);
        members?.delete(socket);
        if (members?.size === 0) rooms.delete(room);
      }
      roomsOf.delete(socket);
    },
  };
}
