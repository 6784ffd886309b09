/**
 * The README's nginx front, proven: Debian's nginx runs server/cluster/nginx.conf in front of two
 * `npm start` processes sharing real Redis (REDIS_URL) and one real PostgreSQL. Each client
 * connects through nginx from its own loopback address (127.0.0.x, as a hall's devices each have
 * their own), with socket.io's default transports (long-polling first, then the upgrade), so
 * the `hash $remote_addr` stickiness is what keeps every session on one backend. One class spans
 * both backends: the teacher on one, students on both, every tile live on the dashboard; then the
 * class's owner is killed with SIGKILL and every student it cut off is back through nginx within
 * 5 s, the dashboard shows the whole class again and a pause reaches every student.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TeacherSnapshot } from "@/lib/protocol";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { createMigratedTestDatabase, type TestDatabase } from "../helpers/db";
import { createTeacherWithClass, joinStudent, until } from "../helpers/realtime";
import { type ServerProcess, startServerProcess } from "../load/server-process";
import { type ProxiedRequest, startNginx } from "./nginx-front";
import { openStudent, openTeacher, type WatchedStudent } from "./spanned-class";

const STUDENT_COUNT = 8;
/** hall's ports: nginx, then the two backends; override the first with FAULTS_NGINX_PORT. */
const NGINX_PORT = Number(process.env.FAULTS_NGINX_PORT ?? 3120);
const BACKEND_PORTS = [NGINX_PORT + 1, NGINX_PORT + 2] as const;
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const REDIS_KEY_PREFIX = `mlp-hall-nginx-${randomUUID()}:`;
/** The bound: a killed process's students are on the others within 5 s. */
const MOVED_WITHIN_MS = 5_000;
const WAIT_MS = 60_000;
const TEACHER_ADDRESS = "127.0.0.10";
const studentAddress = (i: number) => `127.0.0.${10 + i}`;

let database: TestDatabase;
let db: PrismaClient;
let redis: Redis;
const backends: ServerProcess[] = [];
let nginx: Awaited<ReturnType<typeof startNginx>> | null = null;
const sockets: { disconnect(): unknown }[] = [];

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await nginx?.stop();
  for (const backend of backends) await backend.stop();
  redis.disconnect();
  await db.$disconnect();
  await database.drop();
});

/** The backend ("127.0.0.1:port") that served each client address's latest socket.io handshake. */
function placements(requests: readonly ProxiedRequest[]): Map<string, string> {
  const placed = new Map<string, string>();
  for (const request of requests) {
    const isHandshake = request.uri.startsWith("/socket.io/?") && !request.uri.includes("sid=");
    if (isHandshake && request.status === 200) placed.set(request.clientAddress, request.upstreams.at(-1) ?? "");
  }
  return placed;
}

it("serves one class across two processes behind nginx; a killed process's students are back within 5 s", async () => {
  // One after the other: a cold start may build the pages, and two builds in one folder collide.
  for (const port of BACKEND_PORTS) {
    backends.push(
      await startServerProcess({
        port,
        databaseUrl: database.url,
        env: {
          REDIS_URL,
          REDIS_KEY_PREFIX,
          TRUST_PROXY: "true",
          PUBLIC_URL: `http://127.0.0.1:${NGINX_PORT}`,
        },
      }),
    );
  }
  const backendAddresses = BACKEND_PORTS.map((port) => `127.0.0.1:${port}`);
  nginx = await startNginx({ port: NGINX_PORT, backends: backendAddresses });

  const owner = await createTeacherWithClass(db, "Hall behind nginx");
  const teacher = openTeacher(nginx.url, owner.classId, owner.cookie, { localAddress: TEACHER_ADDRESS });
  sockets.push(teacher.socket);
  const snapshot = () =>
    teacher.snapshot().then(
      (taken): TeacherSnapshot | null => taken,
      () => null,
    );
  await until(async () => (await snapshot()) !== null, "the teacher's dashboard", WAIT_MS);
  const students: WatchedStudent[] = [];
  for (let i = 1; i <= STUDENT_COUNT; i++) {
    const joined = await joinStudent(db, owner.joinCode, `Student ${i}`);
    const student = openStudent(nginx.url, joined.token, { localAddress: studentAddress(i) });
    sockets.push(student.socket);
    students.push(student);
  }
  await until(() => students.every((s) => s.admittedAt.length > 0), "every student admitted", WAIT_MS);

  // Every tile live: each student starts a run and reports a step the dashboard must show.
  for (const [i, student] of students.entries()) {
    const start = await student.socket.timeout(15_000).emitWithAck("run:start", { choice: {} });
    expect(start.ok).toBe(true);
    student.socket.emit("progress:update", { runId: start.runId, step: 10 + i, accuracy: 0.5, points: [[10, 0.6]] });
  }
  await until(
    async () => {
      const tiles = (await snapshot())?.participants ?? [];
      return students.every((_, i) => tiles.some((tile) => tile.name === `Student ${i + 1}` && tile.step === 10 + i));
    },
    "every student's step on the dashboard",
    WAIT_MS,
  );

  // The class spans both processes, and nginx kept every session on one backend (no 400 for an unknown sid).
  const before = await nginx.requests();
  const placed = placements(before);
  const studentBackends = students.map((_, i) => placed.get(studentAddress(i + 1)));
  expect(new Set(studentBackends)).toEqual(new Set(backendAddresses));
  expect(placed.get(TEACHER_ADDRESS)).toBeDefined();
  expect(before.filter((request) => request.status === 400)).toEqual([]);
  const upgraded = () => students.every((s) => s.socket.io.engine?.transport.name === "websocket");
  await until(upgraded, "every student upgraded to a WebSocket through nginx", WAIT_MS);

  // Kill the class's owner: its students drop with it, the other backend's are re-routed to the new owner.
  const ownerNode = await redis.get(`${REDIS_KEY_PREFIX}owner:${owner.classId}`);
  const victim = backends.find((backend) => ownerNode?.includes(`-${backend.pid}-`));
  if (!victim) throw new Error(`no backend owns the class (${ownerNode})`);
  const victimAddress = backendAddresses[backends.indexOf(victim)];
  const onVictim = students.filter((_, i) => studentBackends[i] === victimAddress);
  expect(onVictim.length).toBeGreaterThan(0);
  const killedAt = Date.now();
  await victim.kill();

  const cutOff = () => students.filter((s) => s.disconnectedAt.some((at) => at >= killedAt));
  const isBack = (s: WatchedStudent) => s.admittedAt.some((at) => at > Math.max(...s.disconnectedAt));
  await until(
    () => onVictim.every((s) => cutOff().includes(s)) && cutOff().every(isBack),
    "every student cut off by the kill admitted again",
    WAIT_MS,
  );
  /** Students connected as the dashboard counts them (every status but disconnected); -1 while it reconnects. */
  const connectedCount = async () => {
    const counts = (await snapshot())?.counts;
    return counts ? counts.total - counts.disconnected : -1;
  };
  await until(
    async () => (await connectedCount()) === STUDENT_COUNT,
    "the whole class connected on the dashboard again",
    WAIT_MS,
  ).catch(async (error: unknown) => {
    throw new Error(`${String(error)}: ${JSON.stringify((await snapshot())?.counts)}`);
  });
  // Everyone cut off, including late re-routes, is counted: each one's last re-admission.
  const backMs = cutOff().map((s) => (s.admittedAt.at(-1) ?? Infinity) - killedAt);
  console.log(
    `nginx front: killed the owner (${onVictim.length} of ${STUDENT_COUNT} students on it); ` +
      `${cutOff().length} cut off, all back in ${Math.max(...backMs)} ms (each: ${backMs.join(", ")} ms)`,
  );
  const timelines = students.map(
    (s, i) =>
      `Student ${i + 1} (${studentBackends[i] === victimAddress ? "on the killed owner" : "relayed"}): ` +
      s.timeline.map((entry) => entry.replace(/^\d+/, (at) => String(Number(at) - killedAt))).join("; "),
  );
  for (const ms of backMs) expect(ms, `kill at 0 ms:\n${timelines.join("\n")}`).toBeLessThan(MOVED_WITHIN_MS);
  const survivor = backendAddresses.find((address) => address !== victimAddress);
  const after = placements((await nginx.requests()).slice(before.length));
  for (const [i, student] of students.entries()) {
    if (cutOff().includes(student)) expect(after.get(studentAddress(i + 1))).toBe(survivor);
  }

  expect(await teacher.control({ type: "pauseAll" })).toEqual({ ok: true });
  await until(
    () => students.every((s) => s.controls.some((control) => control.type === "pause")),
    "the pause at every student",
    WAIT_MS,
  ).catch(async (error: unknown) => {
    throw new Error(`${String(error)}\n${await nginx?.errorLog()}\n${backends.map((b) => b.output()).join("\n")}`);
  });
});
