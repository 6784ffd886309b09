/**
 * The socket.io server and socket typed with the protocol's event maps: emitting a frame or
 * control whose shape differs from lib/protocol's fails `tsc`. Types only; no socket.io at runtime.
 */
import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/protocol";
import type { SocketIdentity } from "./authenticate-socket";

/** What the server keeps on each socket: who it is, set once by the authenticating middleware. */
export type ClassSocketData = {
  identity?: SocketIdentity;
  /** The node id of the process that owns the socket's class (REDIS_URL; server/cluster), set with identity. */
  owner?: string;
};
/** No events between server processes: the Redis adapter only relays room broadcasts. */
export type InterServerEvents = Record<string, never>;

/** The live class's socket.io server. */
export type ClassServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, ClassSocketData>;
/** One connection on {@link ClassServer}. */
export type ClassServerSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, ClassSocketData>;
