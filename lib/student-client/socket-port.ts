/**
 * The student client's view of its socket: six members, so the client runs on socket.io in the
 * browser and in the simulator's bots, and on a fake in tests (no network). {@link socketIoPort}
 * adapts a socket.io-client socket; lib/ imports socket.io-client's types only.
 */
import type { Socket } from "socket.io-client";
import {
  type NetworkAnswer,
  PROTOCOL_VERSION,
  type ProgressUpdate,
  RECONNECT_OPTIONS,
  ROLE,
  type StudentClientToServerEvents,
  type StudentEventName,
  type StudentServerToClientEvents,
} from "../protocol";

/**
 * An acked event unanswered this long counts as lost (socket.io's `ackTimeout`): above the
 * server's 4 s storage deadline (server/persistence), so a slow database answers
 * STORAGE_UNAVAILABLE before the client gives up on the packet.
 */
export const ACK_TIMEOUT_MS = 5_000;
/**
 * socket.io resends an unanswered acked packet this many times (`retries`, in order, one at a
 * time; a packet waiting while offline is sent on reconnect and burns no retry). Then the
 * client's own policy (student-client.ts) decides: keep and resend later, or tell the user.
 */
export const ACK_RETRIES = 2;

/** The socket.io-client socket a student connects with. */
export type StudentSocketIo = Socket<StudentServerToClientEvents, StudentClientToServerEvents>;

/** Student → server events sent volatile (dropped rather than queued while offline), with their payloads. */
export type VolatileStudentPayloads = { "progress:update": ProgressUpdate; "network:answer": NetworkAnswer };
/** Student → server events that carry an ack. */
export type AckedStudentEvent = Exclude<StudentEventName, keyof VolatileStudentPayloads>;
/** Server → student events the client listens to. */
export type StudentServerEvent = keyof StudentServerToClientEvents;

/** What the socket tells the client; every payload arrives unvalidated (`unknown`). */
export type PortHandlers = {
  connect(): void;
  disconnect(reason: string): void;
  /** A refused or failed connection attempt; `data` is the server's ProtocolError, if it sent one. */
  connectError(message: string, data: unknown): void;
  message(event: StudentServerEvent, payload: unknown): void;
  /** The transport is back after a loss (socket.io's manager "reconnect"), before the class answers. */
  reconnect(): void;
};

/** The minimal socket the student client needs. */
export type StudentSocketPort = {
  readonly isConnected: boolean;
  /** True while the socket reconnects by itself (socket.io's `active`): false after a middleware refusal. */
  readonly isReconnecting: boolean;
  /** Starts delivering to `handlers`; returns the unsubscribe. */
  listen(handlers: PortHandlers): () => void;
  /**
   * Sends an acked event; `callback` gets `(null, answer)` or `(error)` once the transport gave
   * up (ackTimeout × retries). While offline the packet waits and goes on reconnect.
   */
  request(event: AckedStudentEvent, payload: unknown, callback: (error: Error | null, answer?: unknown) => void): void;
  /** Sends progress or a weights answer, volatile: dropped rather than queued while offline. */
  sendVolatile<E extends keyof VolatileStudentPayloads>(event: E, payload: VolatileStudentPayloads[E]): void;
  connect(): void;
  disconnect(): void;
};

/**
 * socket.io-client options for a student socket: auth with the protocol version and token, the
 * shared reconnect backoff, socket.io's own `ackTimeout`/`retries`. `autoConnect` is off: the
 * client connects in `start()`, after it listens.
 *
 * @example
 * const socket: StudentSocketIo = io(url, { path: "/socket.io", ...studentSocketOptions(token) });
 */
export function studentSocketOptions(token: string) {
  return {
    auth: { v: PROTOCOL_VERSION, role: ROLE.student, token },
    autoConnect: false,
    ackTimeout: ACK_TIMEOUT_MS,
    retries: ACK_RETRIES,
    ...RECONNECT_OPTIONS,
  } as const;
}

const SERVER_EVENTS_HEARD: readonly StudentServerEvent[] = [
  "session:state",
  "session:waiting",
  "student:control",
  "network:request",
  "error",
];

/**
 * Adapts a socket.io-client socket (made with {@link studentSocketOptions}) to the port.
 *
 * @example
 * const client = createStudentClient({ socket: socketIoPort(io(url, { ...studentSocketOptions(token) })) });
 */
export function socketIoPort(socket: StudentSocketIo): StudentSocketPort {
  // The typed emit wants one event's exact payload; the client has validated shapes per event.
  const untyped = socket as unknown as {
    emit(event: string, ...args: unknown[]): unknown;
    volatile: { emit(event: string, ...args: unknown[]): unknown };
  };
  return {
    get isConnected() {
      return socket.connected;
    },
    get isReconnecting() {
      return socket.active;
    },
    listen(handlers) {
      const onConnect = () => handlers.connect();
      const onDisconnect = (reason: string) => handlers.disconnect(reason);
      const onConnectError = (error: Error & { data?: unknown }) => handlers.connectError(error.message, error.data);
      const onMessage = SERVER_EVENTS_HEARD.map(
        (event) => [event, (payload: unknown) => handlers.message(event, payload)] as const,
      );
      socket.on("connect", onConnect);
      socket.on("disconnect", onDisconnect);
      socket.on("connect_error", onConnectError);
      for (const [event, listener] of onMessage) socket.on(event, listener);
      const onReconnect = () => handlers.reconnect();
      socket.io.on("reconnect", onReconnect);
      return () => {
        socket.io.off("reconnect", onReconnect);
        socket.off("connect", onConnect);
        socket.off("disconnect", onDisconnect);
        socket.off("connect_error", onConnectError);
        for (const [event, listener] of onMessage) socket.off(event, listener);
      };
    },
    request(event, payload, callback) {
      untyped.emit(event, payload, callback);
    },
    sendVolatile(event, payload) {
      untyped.volatile.emit(event, payload);
    },
    connect() {
      socket.connect();
    },
    disconnect() {
      socket.disconnect();
    },
  };
}
