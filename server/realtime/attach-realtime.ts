/**
 * The socket.io wiring of the live class: authenticates every socket at connection (io.use),
 * loads its class into the hub on first use, binds the socket, and forwards every event to the
 * hub, which validates and answers it. Persistence is not created here: the caller wires it side
 * by side and hands its hooks in (server/index.ts), so realtime never depends on the writer.
 * Nothing here throws into socket.io: failures are logged and answered with a protocol error.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { ERROR_CODE, type ProtocolError, ROLE } from "../../lib/protocol";
import { createChallengeServices } from "../challenges/create-challenge-services";
import { loadChallenge } from "../challenges/load-challenge";
import { type ClassLease, createClassLease } from "../cluster/class-lease";
import { createNodeBus, type NodeBus } from "../cluster/node-bus";
import { type ClassSpan, createClassSpan } from "../cluster/span-classes";
import type { PrismaClient } from "../db/client";
import { setLessonPacing } from "../lessons/set-lesson-pacing";
import { createSnapshotStore } from "../snapshots/snapshot-store";
import { authenticateSocket, type SocketIdentity } from "./authenticate-socket";
import { type ClassRoomHub, createClassRoomHub } from "./class-room-hub";
import type { HubHooks } from "./hub-handlers";
import { createIoDelivery } from "./io-delivery";
import { loadClassRoom } from "./load-class-room";
import { ROOM_NAME } from "./room-delivery";
import { toRoomSocket } from "./socket-adapter";
import type { ClassServer, ClassServerSocket } from "./socket-types";
import { watchTeacherSignIns } from "./watch-teacher-sign-ins";

/** How often ended classes nobody watches any more are dropped from memory. */
const ROOM_SWEEP_INTERVAL_MS = 60_000;

/** Options of {@link attachRealtime}. */
export type RealtimeOptions = {
  db: PrismaClient;
  /** What listens to the room (the persistence writer's hooks); must not throw (the hub guards anyway). */
  hooks?: Omit<HubHooks, "onError">;
  log?: (message: string) => void;
  now?: () => number;
  /**
   * Several processes serve the same classes (REDIS_URL): this process's Redis connections (the
   * socket.io adapter's are separate), the key prefix and its node id. Absent: one process, as before.
   */
  span?: SpanConnection;
};

/** What one process needs to share classes with others (server/cluster). */
export type SpanConnection = { pub: Redis; sub: Redis; prefix: string; nodeId: string };

/** The running realtime layer. */
export type Realtime = {
  hub: ClassRoomHub;
  /** Stops ticking and sweeping; close socket.io first (disconnects reach the hooks), then the writer. */
  close(): void;
  /** Gives up this process's class leases (after the writer's last batch): others take over at once. */
  handOver(): Promise<void>;
};

/** What a refused connection's `connect_error` carries: `err.message` and `err.data` (code + message). */
export type ConnectError = Error & { data: ProtocolError };

function toConnectError(error: ProtocolError): ConnectError {
  return Object.assign(new Error(error.message), { data: error });
}

/**
 * Wires the live class onto a socket.io server; `hooks` hear what the rooms accepted.
 *
 * @example
 * const io = createSocketServer(httpServer, { publicUrl, maxMessageBytes: MAX_MESSAGE_BYTES });
 * const persistence = createPersistence({ db, listRooms: () => realtime.hub.listRooms() });
 * const realtime = attachRealtime(io, { db, hooks: persistence.hooks });
 * persistence.start();
 * // on shutdown: close io first (disconnects are recorded), then `realtime.close()`, then `await persistence.close()`.
 */
export function attachRealtime(io: ClassServer, options: RealtimeOptions): Realtime {
  const { db, hooks = {} } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.error(`[realtime] ${message}`));
  const onError = (error: unknown) =>
    log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const challenges = createChallengeServices(db);
  const hub = createClassRoomHub({
    now,
    createId: randomUUID,
    timer: globalThis,
    hooks: { ...hooks, onError },
    // Frames and notices go to socket.io rooms: one emit per room, the adapter fans out.
    delivery: createIoDelivery(io),
    // Pacing is stored (current step, range, the step's settings) before the room applies it.
    storePacing: ({ classId, teacherId, command }) => setLessonPacing(db, teacherId, classId, command),
    // Snapshots are stored with the session before the teacher's ack (issue 16).
    snapshots: createSnapshotStore(db),
    challenges,
  });
  // Teacher sockets live only as long as the sign-in they connected with (issue 11).
  const signInWatch = watchTeacherSignIns({ db, onError });
  const loading = new Map<string, Promise<boolean>>();

  /** Opens the class's room if it is not open yet; concurrent first sockets share one load. */
  async function ensureRoom(classId: string): Promise<boolean> {
    if (hub.getRoom(classId)) return true;
    let pending = loading.get(classId);
    if (!pending) {
      pending = Promise.all([loadClassRoom(db, classId), loadChallenge(db, classId)])
        .then(([init, challenge]) => {
          if (!init) return false;
          hub.openRoom({ ...init, challenge });
          return true;
        })
        .finally(() => loading.delete(classId));
      loading.set(classId, pending);
    }
    return pending;
  }

  /** Binds a socket into this process's hub: events in, disconnect, the greeting out. */
  function bindLocal(socket: ClassServerSocket, identity: SocketIdentity): void {
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
        signInWatch.untrack(roomSocket);
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
    else if (identity.role === ROLE.teacher) signInWatch.track(roomSocket, identity);
  }

  const spanned = options.span ? startSpan(options.span) : null;

  function startSpan(connection: SpanConnection) {
    const lease: ClassLease = createClassLease({
      redis: connection.pub,
      prefix: connection.prefix,
      nodeId: connection.nodeId,
      onLost: (classId) => {
        log(`lost the lease of class ${classId}; its sockets reconnect to the new owner`);
        span.dropClass(classId);
      },
      onError,
    });
    let span: ClassSpan;
    const bus: Promise<NodeBus> = createNodeBus({
      ...connection,
      onMessage: (message) => span.receive(message),
      onError,
    });
    const state: { lease: ClassLease; bus: Promise<NodeBus>; ready: Promise<ClassSpan>; current?: ClassSpan } = {
      lease,
      bus,
      ready: bus.then((nodeBus) => {
        span = createClassSpan({
          io,
          hub,
          lease,
          bus: nodeBus,
          ensureRoom,
          bindLocal,
          localSocketsOf: (classId) => localSockets(classId),
          log,
          onError,
        });
        state.current = span;
        return span;
      }),
    };
    return state;
  }

  /** This process's sockets in the class's rooms. */
  function localSockets(classId: string): ClassServerSocket[] {
    const ids = new Set<string>();
    for (const room of [ROOM_NAME.teachers(classId), ROOM_NAME.students(classId)]) {
      for (const id of io.of("/").adapter.rooms.get(room) ?? []) ids.add(id);
    }
    return [...ids].flatMap((id) => io.of("/").sockets.get(id) ?? []);
  }

  io.use((socket, next) => {
    authenticateSocket(db, socket.handshake)
      .then(async (result) => {
        if (!result.ok) return next(toConnectError(result.error));
        const classId = result.identity.classId;
        const owner = spanned ? await (await spanned.ready).prepare(classId) : (await ensureRoom(classId)) ? "" : null;
        if (owner === null) return next(toConnectError({ code: ERROR_CODE.notFound, message: "No such class" }));
        socket.data.identity = result.identity;
        socket.data.owner = owner;
        next();
      })
      .catch((error: unknown) => {
        onError(error);
        next(toConnectError({ code: ERROR_CODE.internal, message: "Internal error" }));
      });
  });

  io.on("connection", (socket) => {
    const { identity, owner } = socket.data;
    try {
      if (!identity || owner === undefined) {
        socket.disconnect(true);
        return;
      }
      if (!spanned) return bindLocal(socket, identity);
      // The middleware waited for the span, so it is ready; bound synchronously, no event is missed.
      if (!spanned.current) throw new Error("span not ready after the handshake");
      spanned.current.bind(socket, identity, owner);
    } catch (error) {
      onError(error);
      socket.disconnect(true);
    }
  });

  // Ended classes stay in memory while someone watches (the dashboard after "end"), then go.
  const sweep = setInterval(() => {
    for (const room of hub.listRooms()) {
      if (!room.isEnded || hub.socketCount(room.classId) > 0) continue;
      hub.closeRoom(room.classId);
      spanned?.lease.release(room.classId).catch(onError);
    }
  }, ROOM_SWEEP_INTERVAL_MS);
  sweep.unref();
  hub.start();
  signInWatch.start();

  return {
    hub,
    close() {
      clearInterval(sweep);
      signInWatch.stop();
      hub.stop();
      void challenges.close();
      void spanned?.ready.then((span) => span.close());
    },
    async handOver() {
      if (!spanned) return;
      await spanned.lease.close();
      await (await spanned.bus).close();
    },
  };
}
