/**
 * The socket.io wiring of the live class: authenticates every socket at connection (io.use),
 * loads its class into the hub on first use, binds the socket, and forwards every event to the
 * hub, which validates and answers it. Persistence hangs on the hub's hooks. Nothing here throws
 * into socket.io: failures are logged and answered with a protocol error.
 */
import { randomUUID } from "node:crypto";
import type { Server, Socket } from "socket.io";
import { ERROR_CODE, type ProtocolError, ROLE } from "../../lib/protocol";
import type { PrismaClient } from "../db/client";
import { createPersistence, type Persistence } from "../persistence/create-persistence";
import { authenticateSocket, type SocketIdentity } from "./authenticate-socket";
import { type ClassRoomHub, createClassRoomHub } from "./class-room-hub";
import type { HubHooks } from "./hub-handlers";
import { loadClassRoom } from "./load-class-room";
import { toRoomSocket } from "./socket-adapter";

/** How often ended classes nobody watches any more are dropped from memory. */
const ROOM_SWEEP_INTERVAL_MS = 60_000;

/** Options of {@link attachRealtime}. */
export type RealtimeOptions = {
  db: PrismaClient;
  /** Extra listeners (tests, metrics), called after persistence's; must not throw (the hub guards anyway). */
  hooks?: Omit<HubHooks, "onError">;
  log?: (message: string) => void;
  now?: () => number;
  /** Flush persistence on its clock (default). Tests turn it off and call `persistence.flush()`. */
  isAutoFlushOn?: boolean;
};

/** The running realtime layer. */
export type Realtime = {
  hub: ClassRoomHub;
  persistence: Persistence;
  /** Stops ticking and sweeping and writes what is pending; close socket.io first, so disconnects are recorded. */
  close(): Promise<void>;
};

/** What a refused connection's `connect_error` carries: `err.message` and `err.data` (code + message). */
export type ConnectError = Error & { data: ProtocolError };

function toConnectError(error: ProtocolError): ConnectError {
  return Object.assign(new Error(error.message), { data: error });
}

/**
 * Wires the live class onto a socket.io server, with its own persistence (`realtime.persistence`):
 * pass `hooks` only for extra listeners, never a second persistence's, or every write happens twice.
 *
 * @example
 * const io = createSocketServer(httpServer, { publicUrl, maxMessageBytes: MAX_MESSAGE_BYTES });
 * const realtime = attachRealtime(io, { db });
 * // on shutdown: close io first (disconnects are recorded), then `await realtime.close()`.
 */
export function attachRealtime(io: Server, options: RealtimeOptions): Realtime {
  const { db, hooks = {} } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.error(`[realtime] ${message}`));
  const onError = (error: unknown) =>
    log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const persistence = createPersistence({ db, now, log, listRooms: () => hub.listRooms() });
  const hub = createClassRoomHub({
    now,
    createId: randomUUID,
    timer: globalThis,
    hooks: { ...combineHooks(persistence.hooks, hooks), onError },
  });
  const identities = new WeakMap<Socket, SocketIdentity>();
  const loading = new Map<string, Promise<boolean>>();

  /** Opens the class's room if it is not open yet; concurrent first sockets share one load. */
  async function ensureRoom(classId: string): Promise<boolean> {
    if (hub.getRoom(classId)) return true;
    let pending = loading.get(classId);
    if (!pending) {
      pending = loadClassRoom(db, classId)
        .then((init) => {
          if (!init) return false;
          hub.openRoom(init);
          return true;
        })
        .finally(() => loading.delete(classId));
      loading.set(classId, pending);
    }
    return pending;
  }

  io.use((socket, next) => {
    authenticateSocket(db, socket.handshake)
      .then(async (result) => {
        if (!result.ok) return next(toConnectError(result.error));
        if (!(await ensureRoom(result.identity.classId))) {
          return next(toConnectError({ code: ERROR_CODE.notFound, message: "No such class" }));
        }
        identities.set(socket, result.identity);
        next();
      })
      .catch((error: unknown) => {
        onError(error);
        next(toConnectError({ code: ERROR_CODE.internal, message: "Internal error" }));
      });
  });

  io.on("connection", (socket) => {
    try {
      const identity = identities.get(socket);
      if (!identity) {
        socket.disconnect(true);
        return;
      }
      const roomSocket = toRoomSocket(socket);
      // Listeners first: the hub answers connect with an emit, and the client may send at once.
      socket.onAny((event: unknown, ...args: unknown[]) => {
        try {
          hub.receive(roomSocket, event, args);
        } catch (error) {
          // hub.receive answers its own failures; this only guards socket.io's emitter.
          onError(error);
        }
      });
      socket.on("disconnect", () => {
        try {
          hub.disconnect(roomSocket);
        } catch (error) {
          onError(error);
        }
      });
      const result =
        identity.role === ROLE.teacher
          ? hub.connectTeacher(roomSocket, { classId: identity.classId, teacherId: identity.teacherId })
          : hub.connectStudent(roomSocket, { ...identity, isAdmitted: true });
      // The hub already sent the error event; a refused socket must not linger half-bound.
      if (!result.ok) socket.disconnect(true);
    } catch (error) {
      onError(error);
      socket.disconnect(true);
    }
  });

  // Ended classes stay in memory while someone watches (the dashboard after "end"), then go.
  const sweep = setInterval(() => {
    for (const room of hub.listRooms()) {
      if (room.isEnded && hub.socketCount(room.classId) === 0) hub.closeRoom(room.classId);
    }
  }, ROOM_SWEEP_INTERVAL_MS);
  sweep.unref();
  hub.start();
  if (options.isAutoFlushOn ?? true) persistence.start();

  return {
    hub,
    persistence,
    async close() {
      clearInterval(sweep);
      hub.stop();
      await persistence.close();
    },
  };
}

type Hooks = Omit<HubHooks, "onError">;

/** Calls `first`'s hook, then `second`'s, for every hook either defines; answers with `first`'s (persistence). */
function combineHooks(first: Hooks, second: Hooks): Hooks {
  const combined: Record<string, (...args: never[]) => unknown> = {};
  const names = new Set([...Object.keys(first), ...Object.keys(second)]) as Set<keyof Hooks>;
  for (const name of names) {
    const a = first[name] as ((...args: never[]) => unknown) | undefined;
    const b = second[name] as ((...args: never[]) => unknown) | undefined;
    combined[name] = (...args: never[]) => {
      const answer = a?.(...args);
      b?.(...args);
      return answer;
    };
  }
  return combined as Hooks;
}
