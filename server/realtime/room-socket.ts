/**
 * The only thing the class-room hub knows about a socket. A socket.io Socket fits behind a
 * three-line adapter; tests pass fakes that record what was emitted. No network in the room.
 */
import type { ServerEventName, ServerToClientEvents } from "../../lib/protocol";

/**
 * Sends one server event with exactly the payload the protocol's event map gives it: a frame,
 * snapshot or control whose shape changes fails `tsc` here and in every caller.
 */
export type EmitServerEvent = <E extends ServerEventName>(
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
) => void;

/** A connected client as the hub sees it. */
export type RoomSocket = {
  /** Unique per connection (socket.io's socket.id). */
  readonly id: string;
  /** False once closed; the hub skips closed sockets instead of emitting into the void. */
  readonly isOpen: boolean;
  /** Sends one event reliably. */
  emit: EmitServerEvent;
  /** Closes the connection from the server side (removed student, ended class). */
  disconnect(): void;
};
