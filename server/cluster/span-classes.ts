/**
 * One class across several processes (REDIS_URL). The class's owner (server/cluster/class-lease)
 * holds its room; a socket connected to another process is relayed: its connect, events and
 * disconnect go to the owner over the node bus, the owner's hub sees it as a {@link RoomSocket}
 * whose emits go out through socket.io's Redis adapter (`io.to(socketId)`, and the class's rooms),
 * and acks come back over the bus. So pause, settings, approvals and every other piece of class
 * state change in one place, counts are complete and each result is written once (only the
 * owner's hub has hooks that fire).
 *
 * A dead owner: its own sockets drop (their clients reconnect); relays notice within
 * half a second (server/cluster/check-span-peers) that nobody listens on its channel, take the
 * lease over and load the room from PostgreSQL, then close their sockets' transports of that
 * class (clients reconnect as after a network blip, resending unacked finishes).
 */
import type { SocketIdentity } from "../realtime/authenticate-socket";
import type { ClassRoomHub } from "../realtime/class-room-hub";
import type { RoomSocket } from "../realtime/room-socket";
import type { ClassServer, ClassServerSocket } from "../realtime/socket-types";
import { startPeerCheck } from "./check-span-peers";
import type { ClassLease } from "./class-lease";
import type { NodeBus, NodeMessage } from "./node-bus";

/** Events a socket may send while its connect is still being applied by the owner (room loading). */
const MAX_QUEUED_EVENTS_PER_SOCKET = 64;

/** A relayed socket on this process. */
type Relayed = { socket: ClassServerSocket; classId: string; owner: string };
/** A socket of another process, bound into this process's hub. */
type Remote = { socket: RoomSocket & { isOpen: boolean }; from: string; classId: string };

/** What {@link createClassSpan} needs from its process. */
export type SpanOptions = {
  io: Pick<ClassServer, "to" | "in">;
  hub: ClassRoomHub;
  lease: ClassLease;
  bus: NodeBus;
  /** Loads the class's room into the hub if it is not open; false when there is no such class. */
  ensureRoom(classId: string): Promise<boolean>;
  /** Binds a socket of this process into this process's hub (the class is owned here). */
  bindLocal(socket: ClassServerSocket, identity: SocketIdentity): void;
  /** This process's sockets bound into its hub for the class. */
  localSocketsOf(classId: string): Iterable<ClassServerSocket>;
  /** Hears every move of a class between processes (rare: a dead or hung owner). */
  log(message: string): void;
  onError(error: unknown): void;
};

/** The span of one process. */
export type ClassSpan = ReturnType<typeof createClassSpan>;

/**
 * Creates the span; feed it the bus's messages with {@link ClassSpan.receive}.
 *
 * @example
 * const span = createClassSpan({ io, hub, lease, bus, ensureRoom, bindLocal, onError });
 * io.use(async (socket, next) => (await span.prepare(identity)) ? next() : next(notFound));
 * io.on("connection", (socket) => span.bind(socket, identity));
 */
export function createClassSpan(options: SpanOptions) {
  const { io, hub, lease, bus, onError } = options;
  const self = bus.nodeId;
  const relayed = new Map<string, Relayed>();
  const remotes = new Map<string, Remote>();
  /** Remote sockets whose connect is being applied, with the events they sent meanwhile. */
  const connecting = new Map<string, NodeMessage[]>();
  const acks = new Map<number, { socketId: string; answer: (response: unknown) => void }>();
  let nextAckId = 1;

  const send = (node: string, message: NodeMessage) => bus.send(node, message);

  /** Closes the transport only: the client reconnects by itself, as after a network blip. */
  function closeTransport(socket: ClassServerSocket): void {
    socket.conn.close();
  }

  /** The class's owner is gone or changed: every socket of it relayed from here reconnects. */
  function rerouteClass(classId: string): void {
    for (const entry of relayed.values()) if (entry.classId === classId) closeTransport(entry.socket);
  }

  function forward(entry: Relayed, message: NodeMessage): void {
    send(entry.owner, message).then((isDelivered) => {
      if (!isDelivered) rerouteClass(entry.classId);
    }, onError);
  }

  function bindRelayed(socket: ClassServerSocket, identity: SocketIdentity, owner: string): void {
    const entry: Relayed = { socket, classId: identity.classId, owner };
    relayed.set(socket.id, entry);
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event !== "string") return;
      const last = args[args.length - 1];
      let ackId: number | null = null;
      if (typeof last === "function") {
        ackId = nextAckId++;
        acks.set(ackId, { socketId: socket.id, answer: last as (response: unknown) => void });
        args = args.slice(0, -1);
      }
      forward(entry, { type: "event", from: self, socketId: socket.id, event, args, ackId });
    });
    socket.on("disconnect", () => {
      relayed.delete(socket.id);
      for (const [ackId, ack] of acks) if (ack.socketId === socket.id) acks.delete(ackId);
      forward(entry, { type: "disconnect", from: self, socketId: socket.id });
    });
    forward(entry, { type: "connect", from: self, socketId: socket.id, identity });
  }

  /** A socket of node `from`, as the hub sees it: emits and disconnects go through the adapter. */
  function remoteSocket(socketId: string): Remote["socket"] {
    const socket = {
      id: socketId,
      isOpen: true,
      emit(event: string, ...args: unknown[]) {
        (io.to(socketId).emit as (event: string, ...payload: unknown[]) => boolean)(event, ...args);
      },
      disconnect() {
        io.in(socketId).disconnectSockets(true);
      },
    };
    return socket as Remote["socket"];
  }

  async function connectRemote(message: Extract<NodeMessage, { type: "connect" }>): Promise<void> {
    const { socketId, identity, from } = message;
    connecting.set(socketId, []);
    try {
      // The relay thinks this node owns the class; if it no longer does, the client reconnects.
      if (!lease.isHeld(identity.classId) || !(await options.ensureRoom(identity.classId))) {
        connecting.delete(socketId);
        await send(from, { type: "reroute", from: self, socketId });
        return;
      }
      const socket = remoteSocket(socketId);
      remotes.set(socketId, { socket, from, classId: identity.classId });
      const result =
        identity.role === "teacher"
          ? hub.connectTeacher(socket, { classId: identity.classId, teacherId: identity.teacherId })
          : hub.connectStudent(socket, { ...identity, isAdmitted: true });
      if (!result.ok) {
        remotes.delete(socketId);
        socket.disconnect();
      }
    } catch (error) {
      onError(error);
    }
    const queued = connecting.get(socketId) ?? [];
    connecting.delete(socketId);
    for (const queuedMessage of queued) receive(queuedMessage);
  }

  function receive(message: NodeMessage): void {
    switch (message.type) {
      case "connect":
        void connectRemote(message);
        return;
      case "event": {
        const queue = connecting.get(message.socketId);
        if (queue) {
          if (queue.length < MAX_QUEUED_EVENTS_PER_SOCKET) queue.push(message);
          return;
        }
        const remote = remotes.get(message.socketId);
        if (!remote) return;
        const { ackId, from } = message;
        const args =
          ackId === null
            ? message.args
            : [...message.args, (response: unknown) => void send(from, { type: "ack", from: self, ackId, response })];
        hub.receive(remote.socket, message.event, args);
        return;
      }
      case "disconnect": {
        const remote = remotes.get(message.socketId);
        if (!remote) {
          connecting.delete(message.socketId);
          return;
        }
        remotes.delete(message.socketId);
        remote.socket.isOpen = false;
        hub.disconnect(remote.socket);
        return;
      }
      case "ack": {
        const ack = acks.get(message.ackId);
        acks.delete(message.ackId);
        ack?.answer(message.response);
        return;
      }
      case "reroute": {
        const entry = relayed.get(message.socketId);
        if (entry) closeTransport(entry.socket);
        return;
      }
    }
  }

  const peerCheck = startPeerCheck({
    lease,
    bus,
    ensureRoom: options.ensureRoom,
    relayedOwners: () => new Map([...relayed.values()].map((entry) => [entry.classId, entry.owner])),
    relayNodes: () => new Set([...remotes.values()].map((remote) => remote.from)),
    rerouteClass,
    log: options.log,
    // A killed relay sends no disconnects: its students must show as disconnected all the same.
    dropRelay: (node) => {
      for (const [socketId, remote] of remotes) {
        if (remote.from === node) receive({ type: "disconnect", from: node, socketId });
      }
    },
    onError,
  });

  return {
    receive,

    /**
     * Before a socket connects (after it authenticated): finds the class's owner, taking the
     * lease if it is free or its holder is dead, and opens the room here if this process owns it.
     * Resolves with the owner's node id, or null when there is no such class.
     */
    async prepare(classId: string): Promise<string | null> {
      let owner = await lease.claim(classId);
      if (owner !== self && !(await bus.isAlive(owner))) {
        const dead = owner;
        owner = await lease.takeOver(classId, dead);
        if (owner === self)
          options.log(`class ${classId}: taken over from ${dead} (it does not listen) at a handshake`);
      }
      if (owner !== self) return owner;
      if (await options.ensureRoom(classId)) return self;
      await lease.release(classId);
      return null;
    },

    /** Binds a connected socket: into this hub when the class is owned here, else relayed. */
    bind(socket: ClassServerSocket, identity: SocketIdentity, owner: string): void {
      if (owner === self) options.bindLocal(socket, identity);
      else bindRelayed(socket, identity, owner);
    },

    /**
     * This process lost a class's lease: its room goes without a word to anyone (the new owner
     * loads it from storage) and every socket of the class reconnects to find the new owner.
     */
    dropClass(classId: string): void {
      hub.dropRoom(classId);
      for (const socket of options.localSocketsOf(classId)) closeTransport(socket);
      for (const [socketId, remote] of remotes) {
        if (remote.classId !== classId) continue;
        remotes.delete(socketId);
        void send(remote.from, { type: "reroute", from: self, socketId }).catch(onError);
      }
    },

    close(): void {
      peerCheck.close();
    },
  };
}
