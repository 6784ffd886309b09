/**
 * `npm run start:cluster -- --workers 2` with real Redis and PostgreSQL: one class's students
 * land on both workers (sticky sessions, long-polling first), the teacher sees every one; the
 * worker that does not own the class is killed with SIGKILL and every one of its students is
 * back (admitted by the owner) within 5 s, the owner's students never drop, the teacher sees the
 * whole class connected again and a pause reaches everyone. (Killing the owner, whose class
 * moves, is test/faults/nginx-front.fault.ts.)
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { createMigratedTestDatabase, type TestDatabase } from "../helpers/db";
import { createTeacherWithClass, joinStudent, until } from "../helpers/realtime";
import { type ServerProcess, startServerProcess } from "../load/server-process";
import { openStudent, openTeacher, type WatchedStudent } from "./spanned-class";

const STUDENT_COUNT = 8;
/** hall's port (the brief's port plan); override with FAULTS_CLUSTER_PORT. */
const PORT = Number(process.env.FAULTS_CLUSTER_PORT ?? 3102);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const REDIS_KEY_PREFIX = `mlp-hall-test-${randomUUID()}:`;
/** The bound: a killed worker's students are on the others within 5 s. */
const MOVED_WITHIN_MS = 5_000;
const WAIT_MS = 60_000;

let database: TestDatabase;
let db: PrismaClient;
let redis: Redis;
let cluster: ServerProcess | null = null;
const sockets: { disconnect(): unknown }[] = [];

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await cluster?.stop();
  redis.disconnect();
  await db.$disconnect();
  await database.drop();
});

/** The workers' pids, from their "Ready in … (cluster worker N, pid P)" lines. */
function workerPids(output: string): number[] {
  return [...output.matchAll(/cluster worker \d+, pid (\d+)\)/g)].map((match) => Number(match[1]));
}

it("moves a killed worker's students to the owner within 5 s, every one of them; the teacher sees the whole class", async () => {
  cluster = await startServerProcess({
    port: PORT,
    databaseUrl: database.url,
    clusterWorkers: 2,
    env: { REDIS_URL, REDIS_KEY_PREFIX },
  });
  const pids = workerPids(cluster.output());
  expect(pids).toHaveLength(2);
  const owner = await createTeacherWithClass(db, "Cluster hall");
  const teacher = openTeacher(cluster.url, owner.classId, owner.cookie);
  sockets.push(teacher.socket);
  const students: WatchedStudent[] = [];
  for (let i = 1; i <= STUDENT_COUNT; i++) {
    const joined = await joinStudent(db, owner.joinCode, `Student ${i}`);
    const student = openStudent(cluster.url, joined.token);
    sockets.push(student.socket);
    students.push(student);
  }
  await until(() => students.every((s) => s.admittedAt.length > 0), "every student admitted", WAIT_MS);
  /** Connected students as the teacher sees them; -1 while the teacher is reconnecting. */
  const joinedCount = () =>
    teacher.snapshot().then(
      (snapshot) => snapshot.counts.joined,
      () => -1,
    );
  await until(async () => (await joinedCount()) === STUDENT_COUNT, "the whole class", WAIT_MS);

  // The worker that does not own the class: its students are relayed, the owner's stay put.
  const ownerNode = await redis.get(`${REDIS_KEY_PREFIX}owner:${owner.classId}`);
  const victim = pids.find((pid) => !ownerNode?.includes(`-${pid}-`));
  expect(pids.filter((pid) => ownerNode?.includes(`-${pid}-`))).toHaveLength(1);
  const killedAt = Date.now();
  process.kill(victim as number, "SIGKILL");
  const cutOff = () => students.filter((s) => s.disconnectedAt.some((at) => at >= killedAt));
  const isBack = (s: WatchedStudent) => s.admittedAt.some((at) => at > Math.max(...s.disconnectedAt));
  await until(() => cutOff().length > 0, "a student cut off by the kill", WAIT_MS);
  // Settled: the teacher counts the whole class again, so every student the kill cut off has
  // dropped by now (not only the first few), and each one must be back.
  await until(
    async () => (await joinedCount()) === STUDENT_COUNT && cutOff().every(isBack),
    "the teacher seeing every student connected again",
    WAIT_MS,
  );
  const moved = cutOff();
  // least-connection balancing spreads the class, so the killed worker held some of it, not all.
  expect(moved.length).toBeGreaterThan(0);
  expect(moved.length).toBeLessThan(STUDENT_COUNT);
  const backMs = moved.map((s) => (s.admittedAt.at(-1) ?? Infinity) - killedAt);
  console.log(
    `cluster kill: ${moved.length} of ${STUDENT_COUNT} students moved, all back in ${Math.max(...backMs)} ms (each: ${backMs.join(", ")} ms)`,
  );
  for (const ms of backMs) expect(ms).toBeLessThan(MOVED_WITHIN_MS);

  expect(await teacher.control({ type: "pauseAll" })).toEqual({ ok: true });
  await until(
    () => students.every((s) => s.controls.some((control) => control.type === "pause")),
    "the pause at every student",
    WAIT_MS,
  ).catch((error: unknown) => {
    const missed = students.filter((s) => !s.controls.some((control) => control.type === "pause"));
    const lives = missed.map((s) => `admitted ${s.admittedAt.join(",")} cut ${s.disconnectedAt.join(",")}`);
    throw new Error(
      `${String(error)}; missed by ${missed.length} (kill at ${killedAt}): ${lives.join("; ")}\n${cluster?.output()}`,
    );
  });
});
