/**
 * The only thing the class-room hub knows about a socket. A socket.io Socket fits behind a
 * three-line adapter; tests pass fakes that record what was emitted. No network in the room.
 */

/** A connected client as the hub sees it. */
export type RoomSocket = {
  /** Unique per connection (socket.io's socket.id). */
  readonly id: string;
  /** False once closed; the hub skips closed sockets instead of emitting into the void. */
  readonly isOpen: boolean;
  /** Sends one event reliably. */
  emit(event: string, payload: unknown): void;
  /** Closes the connection from the server side (removed student, ended class). */
  disconnect(): void;
};
