/**
 * Lesson pacing over real sockets and a real database: the teacher of a class launched from
 * "Stacking layers" sends everyone to step 2 and then opens a range; the pacing is stored before
 * anyone is told (a store that fails tells no one), a run in progress on the step left is stored
 * as stopped with its step and curve, new runs carry their step, students move within the range
 * only, and a server restart resumes where the class was.
 */
import { describe, expect, it } from "vitest";
import { STACKING_LAYERS_KEY } from "@/lib/lessons";
import type { StudentClassState, StudentControl, TeacherSnapshot } from "@/lib/protocol";
import { startLessonSession } from "@/server/lessons/start-lesson-session";
import { STUDENT_EVENT_RATES } from "@/server/security/limits";
import { startTeacherSession } from "@/server/teachers/start-teacher-session";
import { collect, joinStudent, next, studentAuth, teacherAuth, until, useRealtimeServer } from "../../helpers/realtime";

const live = useRealtimeServer();

async function lessonClass() {
  const teacher = await live.db.teacher.create({
    data: { email: `pacing-${Date.now()}-${Math.random()}@school.test`, name: "Teacher", passwordHash: "x" },
  });
  const { token } = await startTeacherSession(live.db, teacher.id, 1);
  const session = await startLessonSession(live.db, teacher.id, { title: "Period 3", lessonId: STACKING_LAYERS_KEY });
  const connection = await live.server.open(teacherAuth(session.id), `mlp_teacher=${token}`);
  expect(connection.error).toBeNull();
  return {
    classId: session.id,
    joinCode: session.joinCode,
    teacher: connection.socket,
    snapshots: connection.snapshots,
  };
}

async function openStudent(joinCode: string, nickname: string) {
  const joined = await joinStudent(live.db, joinCode, nickname);
  const { socket, error, states } = await live.server.open(studentAuth(joined.token));
  expect(error).toBeNull();
  await until(() => states.length > 0, `${nickname}'s state`);
  return { socket, states, token: joined.token, participantId: joined.participantId };
}

const stored = (classId: string) =>
  live.db.classSession.findUniqueOrThrow({
    where: { id: classId },
    select: { currentStep: true, allowedStepFrom: true, allowedStepTo: true, settings: true },
  });

describe("lesson pacing, live", () => {
  it("sends everyone to step 2: stored first, a run in progress stored as stopped with its step, new runs on step 2", async () => {
    const { classId, joinCode, teacher } = await lessonClass();
    const ada = await openStudent(joinCode, "Ada");
    const grace = await openStudent(joinCode, "Grace");
    expect(ada.states[0]?.lesson).toMatchObject({ step: 0, pacing: { currentStep: 0, allowedFrom: 0, allowedTo: 0 } });
    expect(ada.states[0]?.settings.defaults.hidden).toBe(0);

    const start = await ada.socket.emitWithAck("run:start", { choice: {} });
    expect(start.ok).toBe(true);
    ada.socket.emit("progress:update", {
      runId: start.runId,
      step: 20,
      accuracy: 0.7,
      points: [
        [10, 0.6],
        [20, 0.5],
      ],
    });
    await live.server.persistence.flush();
    await until(async () => (await live.db.run.count({ where: { id: start.runId } })) === 1, "the run created");

    // When the students hear of it, the pacing is already in the database.
    const storedWhenTold: unknown[] = [];
    const controls = [ada, grace].map(
      (student) =>
        new Promise<StudentControl>((resolve) =>
          student.socket.once("student:control", (control: StudentControl) => {
            void stored(classId).then((row) => {
              storedWhenTold.push(row.currentStep);
              resolve(control);
            });
          }),
        ),
    );
    const ack = await teacher.emitWithAck("lesson:pace", { type: "sendEveryone", step: 1 });
    expect(ack).toEqual({ ok: true, pacing: { currentStep: 1, allowedFrom: 1, allowedTo: 1 } });
    const received = await Promise.all(controls);
    expect(storedWhenTold).toEqual([1, 1]);
    for (const control of received) {
      expect(control.type).toBe("step");
      if (control.type !== "step") continue;
      expect(control.state.lesson?.step).toBe(1);
      expect(control.state.run).toBeNull();
      expect(control.state.settings.dataset).toBe("xor");
    }
    const row = await stored(classId);
    expect([row.currentStep, row.allowedStepFrom, row.allowedStepTo]).toEqual([1, 1, 1]);

    await live.server.persistence.flush();
    const stopped = await live.db.run.findUniqueOrThrow({ where: { id: start.runId } });
    expect([stopped.status, stopped.lessonStep, stopped.steps, stopped.curve]).toEqual([
      "ABORTED",
      0,
      20,
      [
        [10, 0.6],
        [20, 0.5],
      ],
    ]);
    // The next run is trained on step 2, under its settings and locks (after the run-start
    // limit's refill: one start per STUDENT_EVENT_RATES.runStart.refillMs).
    await new Promise((resolve) => setTimeout(resolve, STUDENT_EVENT_RATES.runStart.refillMs));
    const next2 = await ada.socket.emitWithAck("run:start", { choice: { hidden: 8 } });
    expect(next2.config.dataset).toBe("xor");
    expect(next2.config.hidden).toBe(0); // hidden is locked on this step
    await live.server.persistence.flush();
    expect((await live.db.run.findUniqueOrThrow({ where: { id: next2.runId } })).lessonStep).toBe(1);
  });

  it("lets students move freely within a range only, and tells the teacher who is where", async () => {
    const { classId, joinCode, teacher } = await lessonClass();
    const frames = collect<{ participants: { id: string; lessonStep?: number | null }[] }>(teacher, "teacher:frame");
    const ada = await openStudent(joinCode, "Ada");
    const refused = await ada.socket.emitWithAck("lesson:step", { step: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: "STEP_NOT_ALLOWED" } });

    const told = next<StudentControl>(ada.socket, "student:control");
    expect(await teacher.emitWithAck("lesson:pace", { type: "allowRange", from: 0, to: 2 })).toMatchObject({
      ok: true,
    });
    expect((await told).type).toBe("step");
    const moved = await ada.socket.emitWithAck("lesson:step", { step: 2 });
    expect(moved.ok).toBe(true);
    const state = moved.state as StudentClassState;
    expect(state.lesson?.step).toBe(2);
    expect(state.lesson?.steps[2]).toMatchObject({ kind: "cell", cell: 1 });
    expect(await ada.socket.emitWithAck("lesson:step", { step: 3 })).toMatchObject({
      ok: false,
      error: { code: "STEP_NOT_ALLOWED", message: "Your teacher has the class on steps 1–3" },
    });
    expect(await ada.socket.emitWithAck("lesson:step", { step: -1 })).toMatchObject({
      ok: false,
      error: { code: "INVALID_PAYLOAD" },
    });
    await until(
      () => frames.some((frame) => frame.participants.some((p) => p.id === ada.participantId && p.lessonStep === 2)),
      "the teacher sees Ada on step 3",
    );
    const row = await stored(classId);
    expect([row.currentStep, row.allowedStepFrom, row.allowedStepTo]).toEqual([0, 0, 2]);
  });

  it("refuses bad commands and commands it cannot store, telling no one and changing nothing", async () => {
    const { classId, joinCode, teacher } = await lessonClass();
    const ada = await openStudent(joinCode, "Ada");
    const controls = collect<StudentControl>(ada.socket, "student:control");
    expect(await teacher.emitWithAck("lesson:pace", { type: "sendEveryone", step: 99 })).toMatchObject({
      ok: false,
      error: { code: "INVALID_PAYLOAD" },
    });
    expect(await teacher.emitWithAck("lesson:pace", { type: "sendEveryone", step: 20 })).toMatchObject({
      ok: false,
      error: { code: "STEP_NOT_ALLOWED", message: "This lesson has 9 steps" },
    });
    expect(await teacher.emitWithAck("lesson:pace", { type: "allowRange", from: 3, to: 1 })).toMatchObject({
      ok: false,
      error: { code: "STEP_NOT_ALLOWED" },
    });
    // A student cannot pace the class.
    expect(await ada.socket.emitWithAck("lesson:pace", { type: "sendEveryone", step: 1 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    // The store fails (the class ended behind the room's back): the room does not move.
    await live.db.classSession.update({ where: { id: classId }, data: { status: "ENDED" } });
    expect(await teacher.emitWithAck("lesson:pace", { type: "sendEveryone", step: 1 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(controls).toEqual([]);
    const row = await stored(classId);
    expect([row.currentStep, row.allowedStepFrom, row.allowedStepTo]).toEqual([0, 0, 0]);
    expect(live.server.realtime.hub.getRoom(classId)?.snapshotForStudent(ada.participantId)?.lesson?.step).toBe(0);
  });

  it("resumes after a restart: the stored pacing, and each student on their latest run's step", async () => {
    const { classId, joinCode, teacher } = await lessonClass();
    const ada = await openStudent(joinCode, "Ada");
    await teacher.emitWithAck("lesson:pace", { type: "allowRange", from: 0, to: 5 });
    await ada.socket.emitWithAck("lesson:step", { step: 5 });
    const run = await ada.socket.emitWithAck("run:start", { choice: {} });
    ada.socket.emit("progress:update", { runId: run.runId, step: 40, accuracy: 1, points: [[40, 0.1]] });
    await until(
      () => live.server.realtime.hub.getRoom(classId)?.activeRuns()[0]?.step === 40,
      "the run's progress in the room",
    );
    await live.server.persistence.flush();
    await live.db.run.update({ where: { id: run.runId }, data: { targetReachedStep: 40 } });
    ada.socket.disconnect();
    teacher.disconnect();
    live.server.realtime.hub.closeRoom(classId);

    const owner = await live.db.classSession.findUniqueOrThrow({ where: { id: classId }, select: { teacherId: true } });
    const { token } = await startTeacherSession(live.db, owner.teacherId, 1);
    const again = await live.server.open(teacherAuth(classId), `mlp_teacher=${token}`);
    await until(() => again.snapshots.length > 0, "the snapshot");
    const snapshot = again.snapshots[0] as TeacherSnapshot;
    expect(snapshot.class.lesson?.pacing).toEqual({ currentStep: 0, allowedFrom: 0, allowedTo: 5 });
    expect(snapshot.participants.map((tile) => [tile.name, tile.lessonStep, tile.reachedSteps])).toEqual([
      ["Ada", 5, [5]],
    ]);
  });
});
