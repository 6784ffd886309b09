/**
 * What the live class leaves in PostgreSQL, over real sockets: runs with their configs, batched
 * progress and map snapshots, complete curves and verified figures at finish, controls (end,
 * remove, joining, settings, pause), cells, and a restart that picks the class up again.
 */
import { describe, expect, it } from "vitest";
import { defaultSessionSettings } from "@/lib/classroom/settings";
import { settingsForStudent } from "@/lib/classroom/student-seed";
import { MAP_BYTES, type RunStartResult, type StudentClassState, type StudentControl } from "@/lib/protocol";
import { loadEnv } from "@/server/env";
import { joinClass } from "@/server/participants/join-class";
import { readWriteStats } from "@/server/persistence/write-stats";
import {
  createTeacherWithClass,
  joinStudent,
  next,
  startRealtimeTestServer,
  studentAuth,
  teacherAuth,
  until,
  useRealtimeServer,
} from "../../helpers/realtime";
import { trainedFinish } from "../../helpers/trained-run";

/** The room's clock, moved by hand past rate limits: no test waits on wall time for them. */
let clock = Date.now();
const advance = (ms: number) => {
  clock += ms;
};
const live = useRealtimeServer({ now: () => clock });

async function classWithStudent(nickname = "Ada") {
  const owner = await createTeacherWithClass(live.db);
  const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
  const joined = await joinStudent(live.db, owner.joinCode, nickname);
  const student = await live.server.open(studentAuth(joined.token));
  expect([teacher.error, student.error]).toEqual([null, null]);
  return { owner, teacher: teacher.socket, joined, student: student.socket };
}

async function startRun(student: Awaited<ReturnType<typeof classWithStudent>>["student"], choice = {}) {
  advance(1000);
  const start = (await student.emitWithAck("run:start", { choice })) as { ok: true } & RunStartResult;
  expect(start.ok).toBe(true);
  return start;
}

describe("runs in the database", () => {
  it("stores a run's complete curve although progress was dropped, with verified figures", async () => {
    const { owner, student, joined } = await classWithStudent();
    const start = await startRun(student);
    const finish = trainedFinish(start.runId, start.config);
    // Only one progress message of the run gets through; the rest were "dropped".
    const map = new Uint8Array(MAP_BYTES).fill(200);
    student.emit("progress:update", { runId: start.runId, step: 100, accuracy: 0.6, points: [[100, 0.6]], map });
    await until(
      () => live.server.realtime.hub.getRoom(owner.classId)?.activeRuns()[0]?.step === 100,
      "progress applied",
    );
    await live.server.persistence.flush();
    const training = await live.db.run.findUniqueOrThrow({ where: { id: start.runId }, include: { snapshots: true } });
    expect(training).toMatchObject({ status: "TRAINING", steps: 100, reportedLoss: 0.6, reportedAccuracy: 0.6 });
    expect(training.config).toEqual(start.config);
    expect(training.snapshots.map((s) => [s.step, s.loss, [...s.map].every((b) => b === 200)])).toEqual([
      [100, 0.6, true],
    ]);

    expect(await student.emitWithAck("run:finish", finish)).toEqual({ ok: true });
    await live.server.persistence.flush();
    const stored = await live.db.run.findUniqueOrThrow({ where: { id: start.runId } });
    expect(stored.curve).toEqual(finish.curve);
    expect((stored.curve as unknown[]).length).toBe(finish.curve.length);
    expect(stored.status).toBe((finish.accuracy ?? 0) >= start.config.targetAccuracy ? "REACHED_TARGET" : "FINISHED");
    expect(stored).toMatchObject({ steps: finish.step, reportedLoss: finish.loss, reportedAccuracy: finish.accuracy });
    expect(stored.verifiedLoss).toBeCloseTo(finish.loss ?? Number.NaN, 9);
    expect(stored.verifiedAccuracy).toBe(finish.accuracy);
    expect(stored.finalMap && [...stored.finalMap]).toEqual(finish.map && [...finish.map]);
    expect(stored.weights).toEqual(finish.weights);
    expect(stored.finishedAt).not.toBeNull();

    // A reload after a restart: the new process loads the finished run, and session:state carries
    // its config, curve, final map and weights for the page to redraw (issue 9 item 10).
    const restarted = await startRealtimeTestServer(live.db);
    try {
      const again = await restarted.open(studentAuth(joined.token));
      await until(() => again.states.length === 1, "session:state after restart");
      const lastRun = (again.states[0] as StudentClassState).lastRun;
      expect(lastRun).toMatchObject({
        runId: start.runId,
        config: start.config,
        step: finish.step,
        weights: finish.weights,
      });
      expect(lastRun?.map && [...lastRun.map]).toEqual(finish.map && [...finish.map]);
      expect(lastRun?.curve.at(-1)).toEqual(finish.curve.at(-1));
    } finally {
      await restarted.close();
    }
  });

  it("stores doctored figures beside the server's own verification", async () => {
    const { student } = await classWithStudent();
    const start = await startRun(student, { steps: 50 });
    const honest = trainedFinish(start.runId, start.config);
    const finish = { ...honest, loss: 0.000_001, accuracy: 1 };
    expect(await student.emitWithAck("run:finish", finish)).toEqual({ ok: true });
    await live.server.persistence.flush();
    const stored = await live.db.run.findUniqueOrThrow({ where: { id: start.runId } });
    expect(stored).toMatchObject({ reportedLoss: 0.000_001, reportedAccuracy: 1 });
    expect(stored.verifiedLoss).toBeCloseTo(honest.loss ?? Number.NaN, 9);
    expect(stored.verifiedAccuracy).toBe(honest.accuracy);
    expect(stored.verifiedLoss).not.toBeCloseTo(0.000_001, 4);
  });

  it("creates every started run and aborts the one a new run replaced", async () => {
    const { owner, student } = await classWithStudent();
    const first = await startRun(student);
    const second = await startRun(student, { hidden: 3 });
    await live.server.persistence.flush();
    const runs = await live.db.run.findMany({
      where: { classSessionId: owner.classId },
      orderBy: { startedAt: "asc" },
    });
    expect(runs.map((run) => [run.id, run.status])).toEqual([
      [first.runId, "ABORTED"],
      [second.runId, "TRAINING"],
    ]);
    expect(runs[1]?.config).toMatchObject({ hidden: 3 });
  });

  it("writes a whole class's progress and map snapshots in one batch", async () => {
    const { owner, student } = await classWithStudent("Ada");
    const others = await Promise.all(
      ["Grace", "Alan"].map(
        async (nickname) =>
          (await live.server.open(studentAuth((await joinStudent(live.db, owner.joinCode, nickname)).token))).socket,
      ),
    );
    const students = [student, ...others];
    const starts = [];
    for (const socket of students) starts.push(await startRun(socket));
    await live.server.persistence.flush();
    const before = readWriteStats();
    advance(1000);
    for (const [i, socket] of students.entries()) {
      const runId = starts[i]?.runId;
      socket.emit("progress:update", {
        runId,
        step: 40,
        accuracy: 0.7,
        points: [[40, 0.5]],
        map: new Uint8Array(MAP_BYTES).fill(i),
      });
    }
    const room = live.server.realtime.hub.getRoom(owner.classId);
    await until(
      () => room?.activeRuns().every((run) => run.step === 40 && run.map !== null) ?? false,
      "progress applied",
    );
    await live.server.persistence.flush();
    const after = readWriteStats();
    // One transaction: one UPDATE for every run's progress, one INSERT for every snapshot.
    expect(after.batches - before.batches).toBe(1);
    expect(after.statements - before.statements).toBe(2);
    expect(after.rows - before.rows).toBe(6);
    const runs = await live.db.run.findMany({
      where: { classSessionId: owner.classId },
      include: { _count: { select: { snapshots: true } } },
    });
    expect(runs.map((run) => [run.steps, run._count.snapshots])).toEqual([
      [40, 1],
      [40, 1],
      [40, 1],
    ]);
    // Nothing changed since: the next flush writes nothing.
    await live.server.persistence.flush();
    expect(readWriteStats()).toEqual(after);
  });

  it("upserts chapter cells with attempts counted by the server", async () => {
    const { student, joined } = await classWithStudent();
    await student.emitWithAck("cell:check", {
      cell: 2,
      isPassed: false,
      error: "shape mismatch",
      code: "def f(): pass",
    });
    const answer = await student.emitWithAck("cell:check", { cell: 2, isPassed: true });
    expect(answer).toMatchObject({ ok: true, result: { cell: 2, isPassed: true, attempts: 2 } });
    await live.server.persistence.flush();
    const cells = await live.db.cellCheck.findMany({ where: { participantId: joined.participantId } });
    expect(cells).toEqual([
      expect.objectContaining({ cell: 2, isPassed: true, attempts: 2, lastError: null, code: "def f(): pass" }),
    ]);
  });
});

describe("class controls in the database", () => {
  it("ends the session: stored ENDED, runs aborted, students told, tokens refused, joining refused", async () => {
    const { owner, teacher, student, joined } = await classWithStudent();
    const start = await startRun(student);
    advance(1000);
    const map = new Uint8Array(MAP_BYTES).fill(7);
    student.emit("progress:update", {
      runId: start.runId,
      step: 20,
      accuracy: 0.7,
      points: [
        [10, 0.6],
        [20, 0.5],
      ],
      map,
    });
    await until(
      () => live.server.realtime.hub.getRoom(owner.classId)?.activeRuns()[0]?.step === 20,
      "progress applied",
    );
    const ended = next<StudentControl>(student, "student:control");
    expect(await teacher.emitWithAck("class:control", { type: "end" })).toEqual({ ok: true });
    expect((await ended).type).toBe("ended");
    await live.server.persistence.flush();
    const session = await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
    expect(session).toMatchObject({ status: "ENDED", isJoinOpen: false });
    expect(session.endedAt).not.toBeNull();
    // The run the end cut short keeps its curve and last map for the review.
    const run = await live.db.run.findUniqueOrThrow({ where: { id: start.runId } });
    expect(run).toMatchObject({ status: "ABORTED", steps: 20, reportedLoss: 0.5, reportedAccuracy: 0.7 });
    expect(run.curve).toEqual([
      [10, 0.6],
      [20, 0.5],
    ]);
    expect(run.finalMap && [...run.finalMap].every((byte) => byte === 7)).toBe(true);
    expect((await live.server.open(studentAuth(joined.token))).error?.data?.code).toBe("CLASS_ENDED");
    const late = await joinClass(live.db, {
      input: { code: owner.joinCode, nickname: "Late" },
      ip: "127.0.0.1",
      env: loadEnv({}),
    });
    expect(late).toMatchObject({ ok: false, error: { code: "CLASS_ENDED" } });
  });

  it("removes a student: stored, told, disconnected, and their token no longer connects", async () => {
    const { owner, teacher, student, joined } = await classWithStudent();
    const removed = next<StudentControl>(student, "student:control");
    const closed = next<string>(student, "disconnect");
    expect(await teacher.emitWithAck("class:control", { type: "remove", participantId: joined.participantId })).toEqual(
      { ok: true },
    );
    expect((await removed).type).toBe("removed");
    expect(await closed).toBe("io server disconnect");
    await live.server.persistence.flush();
    const participant = await live.db.participant.findUniqueOrThrow({ where: { id: joined.participantId } });
    expect(participant.removedAt).not.toBeNull();
    expect((await live.server.open(studentAuth(joined.token))).error?.data?.code).toBe("REMOVED");
    expect(await live.db.participant.count({ where: { classSessionId: owner.classId, removedAt: null } })).toBe(0);
  });

  it("stores joining, pause, anonymize and new settings, and a restarted server resumes from them", async () => {
    const { owner, teacher, student, joined } = await classWithStudent();
    const settings = { ...defaultSessionSettings(), dataset: "circles" as const, noise: 0.1 };
    for (const command of [
      { type: "closeJoining" },
      { type: "changeSettings", settings },
      { type: "anonymize", isAnonymized: true },
    ]) {
      expect(await teacher.emitWithAck("class:control", command)).toEqual({ ok: true });
    }
    const start = await startRun(student);
    expect(start.config.dataset).toBe("circles");
    expect(await teacher.emitWithAck("class:control", { type: "pauseAll" })).toEqual({ ok: true });
    await live.server.persistence.flush();
    const session = await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
    expect(session).toMatchObject({
      isJoinOpen: false,
      isPaused: true,
      isAnonymized: true,
      generation: 1,
      status: "LIVE",
    });
    expect(session.settings).toEqual(settings);
    const refused = await joinClass(live.db, {
      input: { code: owner.joinCode, nickname: "Late" },
      ip: "127.0.0.1",
      env: loadEnv({}),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "JOIN_CLOSED" } });

    // A second process on the same database knows nothing in memory: it loads the class.
    const restarted = await startRealtimeTestServer(live.db);
    try {
      const again = await restarted.open(studentAuth(joined.token));
      expect(again.error).toBeNull();
      await until(() => again.states.length === 1, "session:state after restart");
      expect(again.states[0]).toMatchObject({
        participant: { id: joined.participantId },
        isPaused: true,
        generation: 1,
        // The class's settings, with the student's own init seed (unlocked).
        settings: settingsForStudent(settings, joined.participantId),
        run: { runId: start.runId, config: start.config },
      });
      const dashboard = await restarted.open(teacherAuth(owner.classId), owner.cookie);
      await until(() => dashboard.snapshots.length === 1, "snapshot after restart");
      expect(dashboard.snapshots[0]?.class).toMatchObject({ isAnonymized: true, isJoinOpen: false, isPaused: true });
      expect(dashboard.snapshots[0]?.participants.map((p) => [p.id, p.name, p.runId])).toEqual([
        [joined.participantId, "Student 1", start.runId],
      ]);
    } finally {
      await restarted.close();
    }
  });
});
