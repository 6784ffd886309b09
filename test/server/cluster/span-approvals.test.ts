/**
 * Approval mode across three servers sharing real Redis and real PostgreSQL: the class's owner
 * is A, the teacher who decides is on B, the waiting students are on C. A student waiting on C
 * stays waiting (the owner holds the waiting list, not C), shows on B's dashboard, is admitted
 * from B into the class live, and one denied from B is refused for good.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ProtocolError, StudentClassState, StudentWaiting, TeacherFrame, TeacherSnapshot } from "@/lib/protocol";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { loadEnv } from "@/server/env";
import { joinClass } from "@/server/participants/join-class";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import { collect, createTeacherWithClass, next, studentAuth, teacherAuth, until } from "../../helpers/realtime";
import { connected, createSpanFixture } from "../../helpers/span-servers";

const env = loadEnv({});
let database: TestDatabase;
let db: PrismaClient;
const span = createSpanFixture(() => db);

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
});

afterEach(() => span.close());

afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

async function join(code: string, nickname: string, ip: string) {
  const joined = await joinClass(db, { input: { code, nickname }, ip, env, sleep: async () => {} });
  if (!joined.ok) throw new Error(`join failed: ${joined.error.code}`);
  expect(joined.isWaiting).toBe(true);
  return joined;
}

describe("approvals across processes (REDIS_URL)", () => {
  it("lets a teacher on B admit and deny students waiting on C, through the owner A", async () => {
    const [a, b, c] = await span.start(3);
    if (!a || !b || !c) throw new Error("three servers");
    const owner = await createTeacherWithClass(db, "Approvals hall");
    await db.classSession.update({ where: { id: owner.classId }, data: { isApprovalRequired: true } });
    // A projector tab on A opens the class there: A owns it.
    const projector = span.open(a.url, teacherAuth(owner.classId), owner.cookie);
    await connected(projector);
    const teacher = span.open(b.url, teacherAuth(owner.classId), owner.cookie);
    const snapshots = collect<TeacherSnapshot>(teacher, "teacher:snapshot");
    const frames = collect<TeacherFrame>(teacher, "teacher:frame");
    await connected(teacher);
    await until(() => snapshots.length === 1, "the teacher's snapshot on B");
    /** The waiting list as B's dashboard last heard it. */
    const waitingNames = () => {
      const latest = [...frames].reverse().find((frame) => frame.class)?.class ?? snapshots[0]?.class;
      return latest?.waiting.map((student) => student.nickname) ?? [];
    };

    const ada = await join(owner.joinCode, "Ada", "10.0.0.1");
    const mallory = await join(owner.joinCode, "Mallory", "10.0.0.66");
    const sockets = [ada, mallory].map((joined) => {
      const socket = span.open(c.url, studentAuth(joined.token));
      return {
        socket,
        waitings: collect<StudentWaiting>(socket, "session:waiting"),
        states: collect<StudentClassState>(socket, "session:state"),
      };
    });
    const [adaOnC, malloryOnC] = sockets as [(typeof sockets)[0], (typeof sockets)[0]];
    await until(() => sockets.every((s) => s.waitings.length === 1), "both waiting on C");
    expect(sockets.map((s) => s.states)).toEqual([[], []]);
    await until(() => waitingNames().join() === "Ada,Mallory", "both on B's waiting list");
    expect(a.realtime.hub.getRoom(owner.classId)).toBeDefined();
    expect(b.realtime.hub.getRoom(owner.classId)).toBeUndefined();
    expect(c.realtime.hub.getRoom(owner.classId)).toBeUndefined();
    // Waiting on C is waiting: nothing is allowed before the teacher decides.
    const refused = await adaOnC.socket.emitWithAck("run:start", { choice: {} });
    expect(refused.error.code).toBe("AWAITING_APPROVAL");

    const entered = next<StudentClassState>(adaOnC.socket, "session:state");
    expect(await teacher.emitWithAck("class:control", { type: "admit", participantId: ada.participantId })).toEqual({
      ok: true,
    });
    expect((await entered).participant).toMatchObject({ id: ada.participantId, nickname: "Ada" });
    expect((await db.joinRequest.findUniqueOrThrow({ where: { id: ada.participantId } })).status).toBe("ADMITTED");
    expect(await db.participant.count({ where: { id: ada.participantId } })).toBe(1);
    const start = await adaOnC.socket.emitWithAck("run:start", { choice: {} });
    expect(start.ok).toBe(true);
    adaOnC.socket.emit("progress:update", { runId: start.runId, step: 10, accuracy: 0.5, points: [[10, 0.6]] });
    await until(
      () => frames.some((f) => f.participants.some((p) => p.id === ada.participantId && p.step === 10)),
      "Ada's progress on B's dashboard",
    );

    const refusal = next<ProtocolError>(malloryOnC.socket, "error");
    const closed = next<string>(malloryOnC.socket, "disconnect");
    expect(await teacher.emitWithAck("class:control", { type: "deny", participantId: mallory.participantId })).toEqual({
      ok: true,
    });
    expect(await refusal).toMatchObject({ code: "JOIN_DENIED" });
    await closed;
    expect((await db.joinRequest.findUniqueOrThrow({ where: { id: mallory.participantId } })).status).toBe("DENIED");
    await until(() => waitingNames().length === 0, "B's waiting list emptied");
    expect([a.logs, b.logs, c.logs]).toEqual([[], [], []]);
  });
});
