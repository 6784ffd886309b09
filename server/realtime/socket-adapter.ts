/**
 * Adapts a socket.io server-side Socket to {@link RoomSocket} without importing socket.io: the
 * shape below is the part of `Socket` the hub needs (a type-only import), typed with the protocol's events.
 */
import type { RoomSocket } from "./room-socket";
import type { ClassServerSocket } from "./socket-types";

/** The members of socket.io's server Socket (typed with the protocol's event maps) the adapter uses. */
export type SocketLike = Pick<ClassServerSocket, "id" | "connected" | "emit" | "disconnect">;

const adapters = new WeakMap<SocketLike, RoomSocket>();

/**
 * The RoomSocket for a socket.io socket; the same object for the same socket.
 *
 * @example
 * io.on("connection", (socket) => {
 *   const roomSocket = toRoomSocket(socket);
 *   hub.connectStudent(roomSocket, { classId, participantId, nickname });
 *   socket.onAny((event, ...args) => hub.receive(roomSocket, event, args));
 *   socket.on("disconnect", () => hub.disconnect(roomSocket));
 * });
 */
export function toRoomSocket(socket: SocketLike): RoomSocket {
  const existing = adapters.get(socket);
  if (existing) return existing;
  const adapter: RoomSocket = {
    id: socket.id,
    get isOpen() {
      return socket.connected;
    },
    emit(event, ...args) {
      socket.emit(event, ...args);
    },
    disconnect() {
      // true: close the underlying connection too; a removed student must not linger.
      socket.disconnect(true);
    },
  };
  adapters.set(socket, adapter);
  return adapter;
}
