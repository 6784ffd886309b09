/**
 * {@link RoomDelivery} over a socket.io server: rooms are socket.io rooms, so one emit reaches
 * every socket in the room on this process and, with the Redis adapter (REDIS_URL), on every
 * other process too. A socket is addressed by its id (socket.io puts each socket in a room named
 * after its id), which is how a class's owner process reaches sockets connected elsewhere.
 */
import type { RoomDelivery } from "./room-delivery";
import type { ClassServer } from "./socket-types";

/** The members of the socket.io server the delivery uses. */
export type IoLike = Pick<ClassServer, "to" | "in">;

/** Delivery through `io`'s rooms (and its adapter). */
export function createIoDelivery(io: IoLike): RoomDelivery {
  return {
    join(socket, room) {
      // Local sockets join at once; the Redis adapter asks the socket's own process otherwise.
      io.in(socket.id).socketsJoin(room);
    },
    emitTo(room, event, ...args) {
      // socket.io's typed emit cannot follow a generic event name; the signature above checks callers.
      (io.to(room).emit as (event: string, ...payload: unknown[]) => boolean)(event, ...args);
    },
    disconnectRoom(room) {
      // true: close the underlying connection too; a removed student's tabs must not linger.
      io.in(room).disconnectSockets(true);
    },
    forget() {
      // socket.io drops a closed socket from its rooms itself.
    },
  };
}
