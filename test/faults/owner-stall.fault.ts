/**
 * A class's owner whose event loop stalls keeps its class. Two `npm start` processes share real
 * Redis and PostgreSQL; the teacher and half the students are on the owner A, the other half on
 * B (relayed). A is frozen with SIGSTOP for longer than the old 5 s lease lived (a loaded loop
 * behind a long task, GC or a starved CPU looks the same from outside: no renewals, its Redis
 * connections still open), then resumed. The lease must stay A's throughout, no student may be
 * sent to reconnect, and afterwards the teacher sees the whole class and a pause reaches everyone.
 * Before the fix the lease lapsed, B's check sent its students to reconnect, they claimed the free
 * lease on B and A then dropped its room: the class flipped between the processes (the 2,000-student
 * `npm run load -- --workers 2` saw 1,374 bot reconnects and its join ramp stall).
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { createMigratedTestDatabase, type TestDatabase } from "../helpers/db";
import { createTeacherWithClass, joinStudent, until } from "../helpers/realtime";
import { type ServerProcess, startServerProcess } from "../load/server-process";
import { openStudent, openTeacher, type WatchedStudent } from "./spanned-class";

const STUDENTS_PER_PROCESS = 3;
/** span's ports (the session's port plan); override the first with FAULTS_STALL_PORT. */
const FIRST_PORT = Number(process.env.FAULTS_STALL_PORT ?? 3317);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const REDIS_KEY_PREFIX = `mlp-span-stall-${randomUUID()}:`;
/** Longer than the old lease (5 s) with margin; a loaded 2-core machine showed multi-second stalls. */
const STALL_MS = 8_000;
/** After the resume: several peer checks (0.5 s) and lease renewals run on both processes. */
const SETTLE_MS = 4_000;
/** How often the test reads the lease while the owner is frozen. */
const POLL_MS = 100;
const WAIT_MS = 60_000;

let database: TestDatabase;
let db: PrismaClient;
let redis: Redis;
const servers: ServerProcess[] = [];
const sockets: { disconnect(): unknown }[] = [];

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const server of servers) {
    // A failed run may leave it frozen: a stopped process never handles SIGTERM.
    process.kill(server.pid, "SIGCONT");
    await server.stop();
  }
  redis.disconnect();
  await db.$disconnect();
  await database.drop();
});

it("keeps the class on an owner frozen for 8 s: the lease never moves, no student reconnects, the class is whole", async () => {
  for (const port of [FIRST_PORT, FIRST_PORT + 1]) {
    servers.push(await startServerProcess({ port, databaseUrl: database.url, env: { REDIS_URL, REDIS_KEY_PREFIX } }));
  }
  const [a, b] = servers as [ServerProcess, ServerProcess];
  const owner = await createTeacherWithClass(db, "Stalled hall");
  const ownerKey = `${REDIS_KEY_PREFIX}owner:${owner.classId}`;
  // The teacher first, on A: A opens the class and takes its lease.
  const teacher = openTeacher(a.url, owner.classId, owner.cookie);
  sockets.push(teacher.socket);
  await until(() => teacher.socket.connected, "the teacher connected", WAIT_MS);
  const students: WatchedStudent[] = [];
  for (const [i, server] of [a, b].flatMap((s) => Array<ServerProcess>(STUDENTS_PER_PROCESS).fill(s)).entries()) {
    const student = openStudent(server.url, (await joinStudent(db, owner.joinCode, `Student ${i + 1}`)).token);
    sockets.push(student.socket);
    students.push(student);
  }
  await until(() => students.every((s) => s.admittedAt.length > 0), "every student admitted", WAIT_MS);
  const total = students.length;
  await until(async () => (await teacher.snapshot()).counts.joined === total, "the whole class", WAIT_MS);
  const ownerNode = await redis.get(ownerKey);
  expect(ownerNode).toContain(`-${a.pid}-`);

  const owners = new Set<string | null>();
  let isPolling = true;
  const polling = (async () => {
    while (isPolling) {
      owners.add(await redis.get(ownerKey));
      await sleep(POLL_MS);
    }
  })();
  const stalledAt = Date.now();
  process.kill(a.pid, "SIGSTOP");
  try {
    await sleep(STALL_MS);
  } finally {
    process.kill(a.pid, "SIGCONT");
  }
  await sleep(SETTLE_MS);
  isPolling = false;
  await polling;

  const moved = [...owners].map((node) => node ?? "nobody (lapsed)");
  expect(moved, "the class's owner during and after the stall").toEqual([ownerNode]);
  const dropped = students.filter((s) => s.disconnectedAt.some((at) => at >= stalledAt));
  expect(
    dropped.map((s) => s.timeline.join("; ")),
    "students sent to reconnect by the stall",
  ).toEqual([]);
  const output = `${a.output()}\n${b.output()}`;
  expect(output).not.toContain("lost the lease");
  expect(await teacher.snapshot()).toMatchObject({ counts: { joined: total } });
  expect(await teacher.control({ type: "pauseAll" })).toEqual({ ok: true });
  await until(
    () => students.every((s) => s.controls.some((control) => control.type === "pause")),
    "the pause at every student",
    WAIT_MS,
  );
});
