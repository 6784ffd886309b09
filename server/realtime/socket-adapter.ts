/**
 * Adapts a socket.io server-side Socket to {@link RoomSocket} without importing socket.io: the
 * shape below is the part of `Socket` the hub needs, so this file stays dependency-free.
 */
import type { RoomSocket } from "./room-socket";

/** The members of socket.io's server Socket the adapter uses. */
export type SocketLike = {
  readonly id: string;
  readonly connected: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: socket.io's typed emit is generic over its event map.
  emit(event: any, ...args: any[]): unknown;
  disconnect(close?: boolean): unknown;
};

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
    emit(event, payload) {
      socket.emit(event, payload);
    },
    disconnect() {
      // true: close the underlying connection too; a removed student must not linger.
      socket.disconnect(true);
    },
  };
  adapters.set(socket, adapter);
  return adapter;
}
