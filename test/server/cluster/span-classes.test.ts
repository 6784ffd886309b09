/**
 * One class across two servers sharing real Redis (socket.io's Redis adapter, class leases) and
 * real PostgreSQL: the teacher on A sees the students on A and B live, controls reach all of them,
 * counts are complete, a finished run is written once; when the owner goes, its class moves to
 * the other server and the students there carry on. Two servers in one test process here (fast,
 * in `npm test`); the same with two real server processes and with nginx in front is in
 * test/faults/cluster.fault.ts and test/faults/nginx-front.fault.ts; approvals across
 * three servers in span-approvals.test.ts.
 */
import type { Socket as ClientSocket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { StudentControl, TeacherFrame, TeacherSnapshot } from "@/lib/protocol";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import {
  collect,
  createTeacherWithClass,
  joinStudent,
  next,
  type RealtimeTestServer,
  studentAuth,
  teacherAuth,
  until,
} from "../../helpers/realtime";
import { connected, createSpanFixture } from "../../helpers/span-servers";
import { trainedFinish } from "../../helpers/trained-run";

let database: TestDatabase;
let db: PrismaClient;
const span = createSpanFixture(() => db);
const open = span.open;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
});

afterEach(() => span.close());

afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

async function startPair() {
  return (await span.start(2)) as [RealtimeTestServer, RealtimeTestServer];
}

describe("one class across two servers (REDIS_URL)", () => {
  it("shows the teacher on A every student on A and B live; pause reaches all; a finish from B is stored once", async () => {
    const [a, b] = await startPair();
    const owner = await createTeacherWithClass(db, "Hall");
    const teacher = open(a.url, teacherAuth(owner.classId), owner.cookie);
    const snapshots = collect<TeacherSnapshot>(teacher, "teacher:snapshot");
    const frames = collect<TeacherFrame>(teacher, "teacher:frame");
    await connected(teacher);
    await until(() => snapshots.length === 1, "the teacher's snapshot");

    const students: ClientSocket[] = [];
    for (const [nickname, server] of [
      ["Ada", a],
      ["Grace", b],
      ["Alan", b],
    ] as const) {
      const joined = await joinStudent(db, owner.joinCode, nickname);
      const socket = open(server.url, studentAuth(joined.token));
      await connected(socket);
      students.push(socket);
    }
    const starts = [];
    for (const [i, student] of students.entries()) {
      const start = await student.emitWithAck("run:start", { choice: {} });
      expect(start.ok).toBe(true);
      starts.push(start);
      student.emit("progress:update", { runId: start.runId, step: 10, accuracy: 0.5, points: [[10, 0.69 - i / 100]] });
    }
    await until(
      () =>
        new Set(
          frames
            .flatMap((f) => f.participants)
            .filter((p) => p.step === 10)
            .map((p) => p.id),
        ).size === 3,
      "three students' progress on the teacher's frames",
    );
    const names = frames.flatMap((f) => f.participants).flatMap((p) => (p.name ? [p.name] : []));
    expect(new Set(names)).toEqual(new Set(["Ada", "Grace", "Alan"]));
    const counts = frames.at(-1)?.counts;
    expect(counts).toMatchObject({ total: 3, training: 3 });
    // The class lives on A (the teacher came first); B only relays.
    expect(a.realtime.hub.getRoom(owner.classId)).toBeDefined();
    expect(b.realtime.hub.getRoom(owner.classId)).toBeUndefined();
    // Frames stay in order across the relay: ticks strictly increase from the snapshot's.
    const ticks = [snapshots[0]?.tick ?? 0, ...frames.map((f) => f.tick)];
    expect(ticks).toEqual([...ticks].sort((x, y) => x - y));
    expect(new Set(ticks).size).toBe(ticks.length);

    const pauses = students.map((student) => next<StudentControl>(student, "student:control"));
    expect(await teacher.emitWithAck("class:control", { type: "pauseAll" })).toEqual({ ok: true });
    for (const control of await Promise.all(pauses)) {
      expect(control.type).toBe("pause");
      if (control.type === "pause") expect(control.state.isPaused).toBe(true);
    }
    const refused = await students[1]?.emitWithAck("run:start", { choice: {} });
    expect(refused.error.code).toBe("CLASS_PAUSED");

    // Grace (on B) finishes; the ack means stored, by the owner alone.
    const grace = starts[1];
    const finish = trainedFinish(grace.runId, grace.config, 50);
    expect(await students[1]?.emitWithAck("run:finish", finish)).toMatchObject({ ok: true });
    const runs = await db.run.findMany({ where: { id: grace.runId } });
    expect(runs).toHaveLength(1);
    expect(runs[0]?.finishedAt).not.toBeNull();
    expect(a.logs).toEqual([]);
    expect(b.logs).toEqual([]);
  });

  it("moves the class to B when its owner A stops: B's students carry on, a teacher on B sees them", async () => {
    const [a, b] = await startPair();
    const owner = await createTeacherWithClass(db, "Moving hall");
    const first = open(a.url, teacherAuth(owner.classId), owner.cookie);
    await connected(first);
    const joined = await joinStudent(db, owner.joinCode, "Grace");
    const grace = open(b.url, studentAuth(joined.token));
    await connected(grace);
    const states = collect(grace, "session:state");
    expect(a.realtime.hub.getRoom(owner.classId)).toBeDefined();

    await a.close();
    span.keep([b]);
    // B's relayed socket reconnects (transport closed, as after a blip) and B takes the class over.
    await until(() => states.length >= 1 && grace.connected, "Grace back, on B", 10_000);
    await until(() => b.realtime.hub.getRoom(owner.classId) !== undefined, "the room open on B", 10_000);
    const start = await grace.emitWithAck("run:start", { choice: {} });
    expect(start.ok).toBe(true);

    const teacher = open(b.url, teacherAuth(owner.classId), owner.cookie);
    const snapshot = await next<TeacherSnapshot>(teacher, "teacher:snapshot");
    const tile = snapshot.participants.find((p) => p.name === "Grace");
    expect(tile?.status).toBe("training");
  });

  it("shows a dead relay's students as disconnected on the owner, though the relay never said goodbye", async () => {
    const [a, b] = await startPair();
    const owner = await createTeacherWithClass(db, "Dead relay");
    const teacher = open(a.url, teacherAuth(owner.classId), owner.cookie);
    const snapshots = collect<TeacherSnapshot>(teacher, "teacher:snapshot");
    const frames = collect<TeacherFrame>(teacher, "teacher:frame");
    await connected(teacher);
    await until(() => snapshots.length === 1, "the teacher's snapshot");
    const joined = await joinStudent(db, owner.joinCode, "Alan");
    const alan = open(b.url, studentAuth(joined.token));
    await connected(alan);
    await until(() => frames.some((f) => f.participants.some((p) => p.status === "joined")), "Alan live on A");

    // B's own Redis connections drop (as if killed): no disconnect message can reach A.
    b.redis?.span.pub.disconnect();
    b.redis?.span.sub.disconnect();
    span.keep([a]);
    await until(
      () => frames.some((f) => f.participants.some((p) => p.status === "disconnected")),
      "Alan shown disconnected",
      10_000,
    );
    alan.disconnect();
    await b.io.close();
    b.realtime.close();
    await b.persistence.close();
    await b.redis?.close();
  });
});
