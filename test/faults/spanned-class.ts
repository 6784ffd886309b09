/**
 * Clients for the tests of one class across several processes (start:cluster, nginx): students
 * and a teacher that reconnect with the app's backoff, remembering when they were (re)admitted.
 */
import { Agent } from "node:http";
import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import { PROTOCOL_VERSION, RECONNECT_OPTIONS, ROLE, type StudentControl, type TeacherSnapshot } from "@/lib/protocol";

/** An ack waits at most this long on a busy machine. */
const ACK_TIMEOUT_MS = 15_000;

/** A student's socket and what it lived through. */
export type WatchedStudent = {
  socket: Socket;
  /** Wall-clock ms of every session:state (one per admitted (re)connection). */
  admittedAt: number[];
  /** Wall-clock ms of every disconnect. */
  disconnectedAt: number[];
  controls: StudentControl[];
  /** What happened when, for a failure's message: "<ms> <what>". */
  timeline: string[];
};

/** Where a client connects from: a loopback address of its own (127.0.0.x), as a hall's devices each have one. */
export type ClientOrigin = { localAddress?: string };

/**
 * socket.io-client's options for connecting from `localAddress`: an http agent bound to it, which
 * engine.io-client hands to both transports (long-polling's requests and ws's upgrade request).
 */
function originOptions(origin: ClientOrigin): Partial<ManagerOptions & SocketOptions> {
  if (!origin.localAddress) return {};
  const agent = new Agent({ keepAlive: true, localAddress: origin.localAddress });
  // engine.io-client types `agent` as string | boolean (a browser's); in Node it hands the object on.
  return { agent: agent as unknown as string };
}

/**
 * Opens a student as the play page does (default transports: long-polling first, then the
 * upgrade, so a balancer that is not sticky fails), optionally from a given loopback address.
 */
export function openStudent(url: string, token: string, origin: ClientOrigin = {}): WatchedStudent {
  const socket = io(url, {
    auth: { v: PROTOCOL_VERSION, role: ROLE.student, token },
    ...RECONNECT_OPTIONS,
    ...originOptions(origin),
  });
  const watched: WatchedStudent = { socket, admittedAt: [], disconnectedAt: [], controls: [], timeline: [] };
  socket.on("session:state", () => {
    watched.admittedAt.push(Date.now());
    watched.timeline.push(`${Date.now()} admitted`);
  });
  socket.on("disconnect", (reason) => {
    watched.disconnectedAt.push(Date.now());
    watched.timeline.push(`${Date.now()} disconnect ${reason}`);
  });
  socket.on("connect_error", (error) => watched.timeline.push(`${Date.now()} connect_error ${error.message}`));
  socket.io.on("reconnect_attempt", (attempt) => watched.timeline.push(`${Date.now()} reconnect attempt ${attempt}`));
  socket.on("connect", () => watched.timeline.push(`${Date.now()} connect`));
  socket.on("student:control", (control: StudentControl) => watched.controls.push(control));
  return watched;
}

/** A teacher's socket with the dashboard's backoff; `snapshot()` asks for the class as it is now. */
export function openTeacher(url: string, classId: string, cookie: string, origin: ClientOrigin = {}) {
  const socket = io(url, {
    auth: { v: PROTOCOL_VERSION, role: ROLE.teacher, classId },
    extraHeaders: { cookie },
    ...RECONNECT_OPTIONS,
    ...originOptions(origin),
  });
  return {
    socket,
    async snapshot(): Promise<TeacherSnapshot> {
      const answer = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("teacher:resync", {})) as {
        ok: boolean;
        snapshot: TeacherSnapshot;
      };
      if (!answer.ok) throw new Error(`resync refused: ${JSON.stringify(answer)}`);
      return answer.snapshot;
    },
    control(command: object): Promise<unknown> {
      return socket.timeout(ACK_TIMEOUT_MS).emitWithAck("class:control", command);
    },
  };
}
