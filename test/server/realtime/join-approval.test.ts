/**
 * Approval mode (issue 11) over real sockets and a real database: joins wait on the teacher's
 * waiting list, a waiting socket can do nothing, admit lets them in live, deny refuses them for
 * good (and their address's next join waits even with approval off), the end refuses everyone
 * still waiting, and the waiting list is stored, so a restart keeps it.
 */
import { describe, expect, it } from "vitest";
import {
  MAX_WAITING_STUDENTS,
  type ProtocolError,
  type StudentClassState,
  type TeacherFrame,
  type TeacherSnapshot,
} from "@/lib/protocol";
import { loadEnv } from "@/server/env";
import { joinClass } from "@/server/participants/join-class";
import { loadClassRoom } from "@/server/realtime/load-class-room";
import {
  collect,
  createTeacherWithClass,
  next,
  studentAuth,
  teacherAuth,
  until,
  useRealtimeServer,
} from "../../helpers/realtime";

const live = useRealtimeServer();
const env = loadEnv({});

/** A class in approval mode with its teacher's dashboard socket. */
async function approvalClass() {
  const owner = await createTeacherWithClass(live.db);
  await live.db.classSession.update({ where: { id: owner.classId }, data: { isApprovalRequired: true } });
  const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
  expect(teacher.error).toBeNull();
  const frames = collect<TeacherFrame>(teacher.socket, "teacher:frame");
  /** The waiting list as the teacher's latest class state says it. */
  const waitingNames = () => {
    const latest = [...frames].reverse().find((frame) => frame.class)?.class ?? teacher.snapshots[0]?.class;
    return latest?.waiting.map((student) => student.nickname) ?? [];
  };
  return { owner, teacher: teacher.socket, frames, waitingNames };
}

async function join(code: string, nickname: string, ip = "10.0.0.1") {
  const joined = await joinClass(live.db, { input: { code, nickname }, ip, env, sleep: async () => {} });
  if (!joined.ok) throw new Error(`join failed: ${joined.error.code}`);
  return joined;
}

/** Opens a waiting student's socket; resolves with it once session:waiting arrived. */
async function openWaiting(token: string) {
  const opened = await live.server.open(studentAuth(token));
  expect(opened.error).toBeNull();
  await until(() => opened.waitings.length === 1, "session:waiting");
  return { ...opened, waiting: opened.waitings[0] };
}

describe("require approval of new joins", () => {
  it("keeps a join waiting until the teacher admits it, then lets the student in live", async () => {
    const { owner, teacher, waitingNames } = await approvalClass();
    const joined = await join(owner.joinCode, "Ada");
    expect(joined.isWaiting).toBe(true);
    // Stored as a join request, not a participant: no tile, nothing in the review.
    expect(await live.db.participant.count({ where: { classSessionId: owner.classId } })).toBe(0);
    expect(await live.db.joinRequest.findUniqueOrThrow({ where: { id: joined.participantId } })).toMatchObject({
      status: "WAITING",
      nickname: "Ada",
    });

    const student = await openWaiting(joined.token);
    expect(student.waiting).toMatchObject({ classId: owner.classId, nickname: "Ada" });
    expect(student.states).toEqual([]);
    await until(() => waitingNames().join() === "Ada", "Ada on the waiting list");

    // The server is the authority: a waiting socket cannot train, report or check.
    for (const [event, payload] of [
      ["run:start", { choice: {} }],
      ["cell:check", { cell: 1, isPassed: true }],
      ["lesson:step", { step: 0 }],
      ["progress:resume", { runId: "r", step: 0, accuracy: null, curve: [], map: null }],
    ] as const) {
      const refused = await student.socket.emitWithAck(event, payload);
      expect(refused.error.code, event).toBe("AWAITING_APPROVAL");
    }
    const progressError = next<ProtocolError>(student.socket, "error");
    student.socket.emit("progress:update", { runId: "r", step: 1, accuracy: 0.5, points: [[1, 0.6]] });
    expect((await progressError).code).toBe("AWAITING_APPROVAL");

    const entered = next<StudentClassState>(student.socket, "session:state");
    expect(await teacher.emitWithAck("class:control", { type: "admit", participantId: joined.participantId })).toEqual({
      ok: true,
    });
    expect((await entered).participant).toMatchObject({ id: joined.participantId, nickname: "Ada", number: 1 });
    await until(() => waitingNames().length === 0, "the waiting list emptied");
    // Durable when acked: the participant row exists with the request's id and token.
    const participant = await live.db.participant.findUniqueOrThrow({ where: { id: joined.participantId } });
    expect(participant.nickname).toBe("Ada");
    expect((await live.db.joinRequest.findUniqueOrThrow({ where: { id: joined.participantId } })).status).toBe(
      "ADMITTED",
    );
    const start = await student.socket.emitWithAck("run:start", { choice: {} });
    expect(start.ok).toBe(true);
    await live.server.persistence.flush();
    expect(await live.db.run.count({ where: { participantId: joined.participantId } })).toBe(1);

    // The same token now connects straight into the class (a reload).
    student.socket.disconnect();
    const again = await live.server.open(studentAuth(joined.token));
    expect(again.error).toBeNull();
    await until(() => again.states.length === 1, "session:state after a reload");
  });

  it("refuses a denied student for good, and their address's next join waits even with approval off", async () => {
    const { owner, teacher, waitingNames } = await approvalClass();
    const mallory = await join(owner.joinCode, "Mallory", "10.0.0.66");
    const student = await openWaiting(mallory.token);
    const refusal = next<ProtocolError>(student.socket, "error");
    const closed = next<string>(student.socket, "disconnect");
    expect(await teacher.emitWithAck("class:control", { type: "deny", participantId: mallory.participantId })).toEqual({
      ok: true,
    });
    expect(await refusal).toMatchObject({ code: "JOIN_DENIED" });
    await closed;
    expect((await live.db.joinRequest.findUniqueOrThrow({ where: { id: mallory.participantId } })).status).toBe(
      "DENIED",
    );
    // The denied token never connects again.
    const retry = await live.server.open(studentAuth(mallory.token));
    expect(retry.error?.data?.code).toBe("JOIN_DENIED");

    // Approval off: other addresses join straight in; the denied address still waits, whatever the nickname.
    expect(await teacher.emitWithAck("class:control", { type: "requireApproval", isRequired: false })).toEqual({
      ok: true,
    });
    expect((await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } })).isApprovalRequired).toBe(
      false,
    );
    expect((await join(owner.joinCode, "Grace", "10.0.0.7")).isWaiting).toBeUndefined();
    const disguised = await join(owner.joinCode, "Definitely Not Mallory", "10.0.0.66");
    expect(disguised.isWaiting).toBe(true);
    await openWaiting(disguised.token);
    await until(() => waitingNames().join() === "Definitely Not Mallory", "the rejoin on the waiting list");
  });

  it("turns approval on live, lists joins oldest first, and denies all waiting at once", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
    expect(teacher.snapshots[0]?.class).toMatchObject({ isApprovalRequired: false, waiting: [] });
    expect(await teacher.socket.emitWithAck("class:control", { type: "requireApproval", isRequired: true })).toEqual({
      ok: true,
    });
    const names = ["Bot 1", "Bot 2", "Bot 3"];
    const bots = [];
    for (const name of names) bots.push(await openWaiting((await join(owner.joinCode, name, "10.0.1.1")).token));
    const resync = await teacher.socket.emitWithAck("teacher:resync", {});
    const snapshot = resync.snapshot as TeacherSnapshot;
    expect(snapshot.class.waiting.map((student) => student.nickname)).toEqual(names);
    expect(snapshot.participants).toEqual([]);

    const refusals = bots.map((bot) => next<ProtocolError>(bot.socket, "error"));
    expect(await teacher.socket.emitWithAck("class:control", { type: "denyAllWaiting" })).toEqual({ ok: true });
    expect((await Promise.all(refusals)).map((error) => error.code)).toEqual([
      "JOIN_DENIED",
      "JOIN_DENIED",
      "JOIN_DENIED",
    ]);
    expect(await live.db.joinRequest.count({ where: { classSessionId: owner.classId, status: "DENIED" } })).toBe(3);
    // A nickname on the waiting list is taken; once denied it is free again.
    expect((await join(owner.joinCode, "Bot 1", "10.0.2.2")).isWaiting).toBe(true);
  });

  it("refuses the students still waiting when the session ends", async () => {
    const { owner, teacher } = await approvalClass();
    const joined = await join(owner.joinCode, "Late");
    const student = await openWaiting(joined.token);
    const refusal = next<ProtocolError>(student.socket, "error");
    expect(await teacher.emitWithAck("class:control", { type: "end" })).toEqual({ ok: true });
    expect(await refusal).toMatchObject({ code: "CLASS_ENDED" });
    expect((await live.db.joinRequest.findUniqueOrThrow({ where: { id: joined.participantId } })).status).toBe(
      "DENIED",
    );
    const retry = await live.server.open(studentAuth(joined.token));
    expect(retry.error?.data?.code).toBe("JOIN_DENIED");
    const late = await joinClass(live.db, {
      input: { code: owner.joinCode, nickname: "Later" },
      ip: "10.0.0.9",
      env,
      sleep: async () => {},
    });
    expect(late.ok ? null : late.error.code).toBe("CLASS_ENDED");
  });

  it("restores the waiting list from storage (a restart keeps it) and caps its length", async () => {
    const owner = await createTeacherWithClass(live.db);
    await live.db.classSession.update({ where: { id: owner.classId }, data: { isApprovalRequired: true } });
    const first = await join(owner.joinCode, "First", "10.0.3.1");
    const second = await join(owner.joinCode, "Second", "10.0.3.2");
    const init = await loadClassRoom(live.db, owner.classId);
    expect(init?.isApprovalRequired).toBe(true);
    expect(init?.waiting?.map((student) => student.id)).toEqual([first.participantId, second.participantId]);

    // In rows of 100: one createMany of ~1,000 rows once met a pg protocol error (see the NOTE).
    for (let from = 0; from < MAX_WAITING_STUDENTS - 2; from += 100) {
      await live.db.joinRequest.createMany({
        data: Array.from({ length: Math.min(100, MAX_WAITING_STUDENTS - 2 - from) }, (_, i) => ({
          classSessionId: owner.classId,
          nickname: `Flood ${from + i}`,
          tokenHash: `flood-${owner.classId}-${from + i}`,
          addressHash: "flood",
        })),
      });
    }
    const full = await joinClass(live.db, {
      input: { code: owner.joinCode, nickname: "One too many" },
      ip: "10.0.3.3",
      env,
      sleep: async () => {},
    });
    expect(full.ok ? null : full.error.code).toBe("RATE_LIMITED");
  });

  it("admits a lecture hall's waiting list at once (one stored batch), with the dashboard open", async () => {
    const hall = 300;
    const owner = await createTeacherWithClass(live.db);
    await live.db.classSession.update({ where: { id: owner.classId }, data: { isApprovalRequired: true } });
    for (let from = 0; from < hall; from += 100) {
      await live.db.joinRequest.createMany({
        data: Array.from({ length: 100 }, (_, i) => ({
          classSessionId: owner.classId,
          nickname: `Seat ${from + i}`,
          tokenHash: `seat-${owner.classId}-${from + i}`,
          addressHash: "hall",
        })),
      });
    }
    // The room opens with the stored list (as after a restart).
    const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
    expect(teacher.snapshots[0]?.class.waiting).toHaveLength(hall);
    expect(await teacher.socket.emitWithAck("class:control", { type: "admitAllWaiting" })).toEqual({ ok: true });
    expect(await live.db.participant.count({ where: { classSessionId: owner.classId } })).toBe(hall);
    expect(await live.db.joinRequest.count({ where: { classSessionId: owner.classId, status: "ADMITTED" } })).toBe(
      hall,
    );
    const resync = await teacher.socket.emitWithAck("teacher:resync", {});
    expect((resync.snapshot as TeacherSnapshot).participants).toHaveLength(hall);
  });
});
