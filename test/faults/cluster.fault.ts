/**
 * `npm run start:cluster -- --workers 2` with real Redis and PostgreSQL: one class's students
 * land on both workers (sticky sessions, long-polling first), the teacher sees every one; one
 * worker is killed with SIGKILL and each of its students is back (admitted by the other worker)
 * within 5 s, the teacher sees the whole class connected again and a pause reaches everyone.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { createMigratedTestDatabase, type TestDatabase } from "../helpers/db";
import { createTeacherWithClass, joinStudent, until } from "../helpers/realtime";
import { type ServerProcess, startServerProcess } from "../load/server-process";
import { openStudent, openTeacher, type WatchedStudent } from "./spanned-class";

const STUDENT_COUNT = 8;
/** hall's port (the brief's port plan); override with FAULTS_CLUSTER_PORT. */
const PORT = Number(process.env.FAULTS_CLUSTER_PORT ?? 3104);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
/** The bound: a killed worker's students are on the others within 5 s. */
const MOVED_WITHIN_MS = 5_000;
const WAIT_MS = 60_000;

let database: TestDatabase;
let db: PrismaClient;
let cluster: ServerProcess | null = null;
const sockets: { disconnect(): unknown }[] = [];

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await cluster?.stop();
  await db.$disconnect();
  await database.drop();
});

/** The workers' pids, from their "Ready in … (cluster worker N, pid P)" lines. */
function workerPids(output: string): number[] {
  return [...output.matchAll(/cluster worker \d+, pid (\d+)\)/g)].map((match) => Number(match[1]));
}

it("moves a killed worker's students to the other worker within 5 s; the teacher sees the whole class", async () => {
  cluster = await startServerProcess({
    port: PORT,
    databaseUrl: database.url,
    clusterWorkers: 2,
    env: { REDIS_URL, REDIS_KEY_PREFIX: `mlp-hall-test-${randomUUID()}:` },
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

  const killedAt = Date.now();
  process.kill(pids[0] as number, "SIGKILL");
  // least-connection balancing spreads the class, so the killed worker held some of it.
  await until(() => students.some((s) => s.disconnectedAt.length > 0), "a student cut off by the kill", WAIT_MS);
  const moved = students.filter((s) => s.disconnectedAt.some((at) => at >= killedAt));
  expect(moved.length).toBeGreaterThan(0);
  expect(moved.length).toBeLessThanOrEqual(STUDENT_COUNT);
  await until(
    () => moved.every((s) => s.admittedAt.some((at) => at > killedAt)),
    "every cut-off student admitted again",
    WAIT_MS,
  );
  const backMs = Math.max(...moved.map((s) => (s.admittedAt.find((at) => at > killedAt) ?? Infinity) - killedAt));
  console.log(`cluster kill: ${moved.length} of ${STUDENT_COUNT} students moved, all back in ${backMs} ms`);
  expect(backMs).toBeLessThan(MOVED_WITHIN_MS);

  await until(
    async () => (await joinedCount()) === STUDENT_COUNT,
    "the teacher seeing every student connected again",
    WAIT_MS,
  );
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
