/**
 * A real socket.io server with the live-class wiring on an ephemeral loopback port, and helpers
 * to sign in a teacher and join students against a real database. No Next: the realtime path
 * does not need it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Socket as ClientSocket, io as connect } from "socket.io-client";
import { afterAll, afterEach, beforeAll } from "vitest";
import { defaultSessionSettings } from "@/lib/classroom/settings";
import {
  type ChallengeBoard,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  type StudentClassState,
  type StudentWaiting,
  type StudentWatch,
  type TeacherNetwork,
  type TeacherSnapshot,
} from "@/lib/protocol";
import { connectRedis } from "@/server/boot/connect-redis";
import type { SocketAddressLimits } from "@/server/boot/socket-address-cap";
import { createSocketServer } from "@/server/boot/socket-server";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { loadEnv } from "@/server/env";
import { joinClass } from "@/server/participants/join-class";
import { createPersistence } from "@/server/persistence/create-persistence";
import { attachRealtime, type RealtimeOptions } from "@/server/realtime/attach-realtime";
import { createSession } from "@/server/sessions/create-session";
import { startTeacherSession } from "@/server/teachers/start-teacher-session";
import { createMigratedTestDatabase, type TestDatabase } from "./db";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

export type RealtimeTestServer = Awaited<ReturnType<typeof startRealtimeTestServer>>;

export type RealtimeTestOptions = Omit<RealtimeOptions, "db" | "hooks" | "log" | "span"> & {
  /** Share classes with other servers through this Redis (socket.io's adapter, class leases). */
  redis?: { url: string; prefix: string };
  /** Listen on this port (a restart on the same address); ephemeral by default. */
  port?: number;
  /** Start the writer's flush clock as server/index.ts does (fault tests); off by default so tests flush by hand. */
  isAutoFlushOn?: boolean;
  /** The per-address connection caps (server/boot/socket-address-cap.ts); the defaults otherwise. */
  socketsPerAddress?: SocketAddressLimits;
};

/** Starts the server; `close()` disconnects every client it opened and stops everything. */
export async function startRealtimeTestServer(db: PrismaClient, testOptions: RealtimeTestOptions = {}) {
  const { port = 0, isAutoFlushOn = false, socketsPerAddress, redis: redisOptions, ...options } = testOptions;
  const httpServer = createServer();
  await new Promise<void>((resolve) => httpServer.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const io = createSocketServer(httpServer, {
    publicUrl: url,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    ...(socketsPerAddress && { socketsPerAddress }),
  });
  const redis = redisOptions ? await connectRedis(io, redisOptions) : null;
  /** What the server logged: errors it caught (a failed write, a throwing handler). */
  const logs: string[] = [];
  const log = (message: string) => logs.push(message);
  // Wired as server/index.ts does, but with no flush clock: tests call persistence.flush() by
  // hand, so what a batch holds never depends on timing.
  const persistence = createPersistence({ db, log, now: options.now, listRooms: () => realtime.hub.listRooms() });
  const realtime = attachRealtime(io, { db, log, hooks: persistence.hooks, ...options, span: redis?.span });
  if (isAutoFlushOn) persistence.start();
  const clients: ClientSocket[] = [];

  /**
   * Opens a client with `auth` and optional Cookie; resolves once connected or refused. The
   * greeting (session:state or teacher:snapshot) is sent on connect, so it is collected from the start.
   */
  async function open(auth: unknown, cookie?: string) {
    const socket = connect(url, {
      auth: auth as Record<string, unknown>,
      transports: ["websocket"],
      reconnection: false,
      extraHeaders: cookie ? { cookie } : {},
    });
    clients.push(socket);
    const states = collect<StudentClassState>(socket, "session:state");
    const snapshots = collect<TeacherSnapshot>(socket, "teacher:snapshot");
    // Sent right after the greeting when the teacher watches a student (protocol v3).
    const networks = collect<TeacherNetwork>(socket, "teacher:network");
    const watches = collect<StudentWatch>(socket, "student:watch");
    const waitings = collect<StudentWaiting>(socket, "session:waiting");
    // Issue 16: a teacher's tray and the class consensus come right after the greeting too (raw wire form).
    const trays = collect<unknown>(socket, "teacher:tray");
    const consensuses = collect<unknown>(socket, "teacher:consensus");
    // Sent right after the snapshot to teachers: the challenge's leaderboard (v3).
    const boards = collect<ChallengeBoard>(socket, "challenge:board");
    const error = await new Promise<(Error & { data?: { code: string } }) | null>((resolve) => {
      socket.once("connect", () => resolve(null));
      socket.once("connect_error", (refused) => resolve(refused));
    });
    return { socket, error, states, snapshots, waitings, networks, watches, boards, trays, consensuses };
  }

  return {
    url,
    io,
    redis,
    realtime,
    persistence,
    logs,
    open,
    /** This server's node id when it shares classes through Redis. */
    nodeId: redis?.span.nodeId ?? null,
    async close() {
      for (const client of clients) client.disconnect();
      await io.close();
      realtime.close();
      await persistence.close();
      await realtime.handOver();
      await redis?.close();
    },
  };
}

/** What {@link useRealtimeServer} gives a test file; read it inside tests and hooks only. */
export type RealtimeFixture = {
  readonly database: TestDatabase;
  readonly db: PrismaClient;
  readonly server: RealtimeTestServer;
};

/**
 * One migrated database, a Prisma client on it and a realtime test server for the calling test
 * file, started before its first test and stopped after its last. After every test the server
 * must have logged nothing: an error it caught (a failed write, a throwing handler) fails the
 * test that caused it, in whatever order the tests run. Hooks registered after this call run
 * after the server started.
 *
 * @example
 * const live = useRealtimeServer();
 * it("joins", async () => {
 *   const owner = await createTeacherWithClass(live.db);
 *   const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
 * });
 */
export function useRealtimeServer(options: RealtimeTestOptions = {}): RealtimeFixture {
  let started: RealtimeFixture | undefined;
  const get = (): RealtimeFixture => {
    if (!started) throw new Error("useRealtimeServer: read its fields inside tests or hooks, after it started");
    return started;
  };
  /** Empties the log, failing with what it held: written batches first, so their errors show. */
  const expectNothingLogged = async (when: string) => {
    if (!started) return;
    await started.server.persistence.flush();
    const logged = started.server.logs.splice(0);
    if (logged.length > 0) throw new Error(`The server logged errors ${when}:\n${logged.join("\n")}`);
  };

  beforeAll(async () => {
    const database = await createMigratedTestDatabase();
    const db = createPrismaClient(database.url);
    try {
      started = { database, db, server: await startRealtimeTestServer(db, options) };
    } catch (error) {
      await db.$disconnect();
      await database.drop();
      throw error;
    }
  });
  afterEach(() => expectNothingLogged("during this test"));
  afterAll(async () => {
    if (!started) return;
    const { database, db, server } = started;
    try {
      await expectNothingLogged("outside any test (set-up or tear-down hooks)");
    } finally {
      await server.close();
      await db.$disconnect();
      await database.drop();
      started = undefined;
    }
  });

  return {
    get database() {
      return get().database;
    },
    get db() {
      return get().db;
    },
    get server() {
      return get().server;
    },
  };
}

/** What {@link useProxiedRealtimeServer} gives a test file; read it inside tests and hooks only. */
export type ProxiedRealtimeFixture = {
  /** A client past the proxy: reads what is stored whatever the proxy does. */
  readonly direct: PrismaClient;
  /** The server's own client, through the proxy. */
  readonly proxied: PrismaClient;
  readonly proxy: TcpProxy;
  readonly server: RealtimeTestServer;
};

/**
 * A realtime test server for the calling test file whose database connection runs through a TCP
 * proxy the tests cut and restore (database outages), with the writer's flush clock on as in
 * server/index.ts. Unlike {@link useRealtimeServer} it asserts nothing of the server's log: an
 * outage makes it log failed writes, which such tests read themselves.
 *
 * @example
 * const live = useProxiedRealtimeServer();
 * it("acks only what is stored", async () => {
 *   await live.proxy.cut();
 *   // ...
 *   await live.proxy.restore();
 * });
 */
export function useProxiedRealtimeServer(): ProxiedRealtimeFixture {
  let database: TestDatabase | undefined;
  let started: { -readonly [K in keyof ProxiedRealtimeFixture]?: ProxiedRealtimeFixture[K] } = {};
  const get = <K extends keyof ProxiedRealtimeFixture>(key: K): ProxiedRealtimeFixture[K] => {
    const value = started[key];
    if (!value) throw new Error("useProxiedRealtimeServer: read its fields inside tests or hooks, after it started");
    return value as ProxiedRealtimeFixture[K];
  };
  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    const target = new URL(database.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const direct = createPrismaClient(database.url);
    const proxied = createPrismaClient(proxy.urlFor(database.url));
    started = { proxy, direct, proxied };
    started.server = await startRealtimeTestServer(proxied, { isAutoFlushOn: true });
  });
  afterAll(async () => {
    const { server, proxied, direct, proxy } = started;
    await server?.close();
    await proxied?.$disconnect();
    await direct?.$disconnect();
    await proxy?.close();
    await database?.drop();
    started = {};
  });
  return {
    get direct() {
      return get("direct");
    },
    get proxied() {
      return get("proxied");
    },
    get proxy() {
      return get("proxy");
    },
    get server() {
      return get("server");
    },
  };
}

/** Every event of `name` a client receives, collected from now on. */
export function collect<T>(socket: ClientSocket, name: string): T[] {
  const received: T[] = [];
  socket.on(name, (payload: T) => received.push(payload));
  return received;
}

/** The next `name` event. */
export function next<T>(socket: ClientSocket, name: string): Promise<T> {
  return new Promise((resolve) => socket.once(name, resolve));
}

/** Waits until `predicate` holds, polling every few ms (events arrive asynchronously). */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let emailCounter = 0;

/** A teacher row, a signed-in cookie for it, and a live XOR class it owns. */
export async function createTeacherWithClass(db: PrismaClient, title = "Stacking layers") {
  const teacher = await db.teacher.create({
    data: { email: `t${++emailCounter}-${Date.now()}@school.test`, name: "Teacher", passwordHash: "x" },
  });
  const { token } = await startTeacherSession(db, teacher.id, 1);
  const session = await createSession(db, teacher.id, { title, settings: defaultSessionSettings() });
  return { teacherId: teacher.id, cookie: `mlp_teacher=${token}`, classId: session.id, joinCode: session.joinCode };
}

const env = loadEnv({});

/** Joins a student by code through the real use case; returns their token and ids. */
export async function joinStudent(db: PrismaClient, code: string, nickname: string) {
  const joined = await joinClass(db, { input: { code, nickname }, ip: "127.0.0.1", env });
  if (!joined.ok) throw new Error(`join failed: ${joined.error.code}`);
  return joined;
}

/** Handshake auth objects. */
export const teacherAuth = (classId: string) => ({ v: PROTOCOL_VERSION, role: "teacher", classId });
export const studentAuth = (token: string) => ({ v: PROTOCOL_VERSION, role: "student", token });
