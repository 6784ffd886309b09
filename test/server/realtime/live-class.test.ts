/**
 * The live class over real sockets and a real database: a teacher and three students connect,
 * progress reaches the teacher's frames, controls reach every student, a student cannot act as
 * the teacher, and a reconnecting student keeps their participant and run.
 */
import type { Socket as ClientSocket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { StudentClassState, StudentControl, TeacherFrame, TeacherSnapshot } from "@/lib/protocol";
import {
  collect,
  createTeacherWithClass,
  joinStudent,
  next,
  studentAuth,
  teacherAuth,
  until,
  useRealtimeServer,
} from "../../helpers/realtime";

const live = useRealtimeServer();

async function openTeacher(owner: { classId: string; cookie: string }) {
  const connection = await live.server.open(teacherAuth(owner.classId), owner.cookie);
  expect(connection.error).toBeNull();
  return connection.socket;
}

async function openStudent(token: string) {
  const { socket, error, states } = await live.server.open(studentAuth(token));
  expect(error).toBeNull();
  return { socket, states };
}

describe("live class over socket.io", () => {
  it("carries three students' progress to the teacher and pause-all to every student", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = await openTeacher(owner);
    const frames = collect<TeacherFrame>(teacher, "teacher:frame");

    const students: ClientSocket[] = [];
    for (const nickname of ["Ada", "Grace", "Alan"]) {
      const joined = await joinStudent(live.db, owner.joinCode, nickname);
      students.push((await openStudent(joined.token)).socket);
    }
    for (const [i, student] of students.entries()) {
      const start = await student.emitWithAck("run:start", { choice: {} });
      expect(start.ok).toBe(true);
      student.emit("progress:update", {
        runId: start.runId,
        step: 10,
        accuracy: 0.5 + i / 10,
        points: [[10, 0.69 - i / 100]],
      });
    }
    await until(
      () => frames.flatMap((f) => f.participants).filter((p) => p.step === 10).length === 3,
      "three students' progress",
    );
    const names = frames.flatMap((f) => f.participants).flatMap((p) => (p.name ? [p.name] : []));
    expect(new Set(names)).toEqual(new Set(["Ada", "Grace", "Alan"]));

    const pauses = students.map((student) => next<StudentControl>(student, "student:control"));
    expect(await teacher.emitWithAck("class:control", { type: "pauseAll" })).toEqual({ ok: true });
    for (const control of await Promise.all(pauses)) {
      expect(control.type).toBe("pause");
      if (control.type === "pause") expect(control.state.isPaused).toBe(true);
    }
    const refused = await students[0]?.emitWithAck("run:start", { choice: {} });
    expect(refused.error.code).toBe("CLASS_PAUSED");
    await until(
      async () => (await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } })).isPaused,
      "pause stored",
    );

    const starts = students.map((student) => next<StudentControl>(student, "student:control"));
    expect(await teacher.emitWithAck("class:control", { type: "startAll" })).toEqual({ ok: true });
    expect((await Promise.all(starts)).map((control) => control.type)).toEqual(["start", "start", "start"]);
  });

  it("refuses a student's forged teacher event, and a class's data never reaches another class", async () => {
    const owner = await createTeacherWithClass(live.db);
    const other = await createTeacherWithClass(live.db);
    const otherTeacher = await openTeacher(other);
    const otherFrames = collect<TeacherFrame>(otherTeacher, "teacher:frame");
    const joined = await joinStudent(live.db, owner.joinCode, "Mallory");
    const { socket: student } = await openStudent(joined.token);

    const forged = await student.emitWithAck("class:control", { type: "end" });
    expect(forged).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const resync = await student.emitWithAck("teacher:resync", {});
    expect(resync).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const start = await student.emitWithAck("run:start", { choice: {} });
    student.emit("progress:update", { runId: start.runId, step: 3, accuracy: 0.5, points: [[3, 0.7]] });
    await live.server.persistence.flush();

    const stored = await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
    expect(stored.status).toBe("LIVE");
    expect(live.server.realtime.hub.getRoom(owner.classId)?.isEnded).toBe(false);
    // The other class's teacher sees a frame only for their own class: none here.
    const snapshot = (await otherTeacher.emitWithAck("teacher:resync", {})) as { ok: true; snapshot: TeacherSnapshot };
    expect(snapshot.snapshot.participants).toEqual([]);
    expect(otherFrames.flatMap((f) => f.participants)).toEqual([]);
  });

  it("resumes a reconnecting student as the same participant with their run in progress", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = await openTeacher(owner);
    const frames = collect<TeacherFrame>(teacher, "teacher:frame");
    const joined = await joinStudent(live.db, owner.joinCode, "Ada");
    const first = await openStudent(joined.token);
    const start = await first.socket.emitWithAck("run:start", { choice: { hidden: 4 } });
    expect(start.ok).toBe(true);

    first.socket.disconnect();
    await until(() => frames.some((f) => f.participants.some((p) => p.status === "disconnected")), "tile disconnected");
    const again = await openStudent(joined.token);
    await until(() => again.states.length > 0, "session:state on reconnect");
    const state = again.states[0] as StudentClassState;
    expect(state.participant.id).toBe(joined.participantId);
    expect(state.run).toEqual({ runId: start.runId, config: start.config, edits: [] });
    expect(state.run?.config.hidden).toBe(4);
    await until(
      () => frames.some((f) => f.participants.some((p) => p.id === joined.participantId && p.status === "training")),
      "tile training again",
    );
    expect(await live.db.participant.count({ where: { classSessionId: owner.classId } })).toBe(1);
  });
});

describe("joining and closing", () => {
  it("admits a student who joined just before joining closed, and refuses new joins after", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = await openTeacher(owner);
    const joined = await joinStudent(live.db, owner.joinCode, "Just in time");
    expect(await teacher.emitWithAck("class:control", { type: "closeJoining" })).toEqual({ ok: true });
    const { states } = await openStudent(joined.token);
    await until(() => states.length === 1, "session:state");
    expect(states[0]?.participant.id).toBe(joined.participantId);
    await live.server.persistence.flush();
    await expect(joinStudent(live.db, owner.joinCode, "Too late")).rejects.toThrow("JOIN_CLOSED");
  });
});
