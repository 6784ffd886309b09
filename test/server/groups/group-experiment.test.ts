/**
 * Group experiments over real socket.io and PostgreSQL: the teacher's push is stored (the
 * experiment, every participant's group) before any student hears it; each student's settings
 * become their group's, with the varied setting locked; runs record their group; a late joiner
 * goes to the smallest group and it is stored; a restarted server restores all of it; bad pushes
 * change nothing.
 */
import { expect, it } from "vitest";
import type { StudentControl } from "@/lib/protocol";
import {
  createTeacherWithClass,
  joinStudent,
  startRealtimeTestServer,
  studentAuth,
  teacherAuth,
  until,
  useRealtimeServer,
} from "../../helpers/realtime";

const live = useRealtimeServer();
const LR_PUSH = { type: "groups", experiment: { key: "lr", values: [0.01, 0.1, 1] } } as const;

async function classWithStudents(nicknames: readonly string[]) {
  const owner = await createTeacherWithClass(live.db);
  const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
  const students = [];
  for (const nickname of nicknames) {
    const joined = await joinStudent(live.db, owner.joinCode, nickname);
    const client = await live.server.open(studentAuth(joined.token));
    const controls: StudentControl[] = [];
    client.socket.on("student:control", (control: StudentControl) => controls.push(control));
    students.push({ ...client, controls, participantId: joined.participantId, token: joined.token });
  }
  return { owner, teacher, students };
}

function groupOf(control: StudentControl | undefined) {
  return control && "state" in control ? control.state.group : undefined;
}

it("stores the push before students hear it; each trains with their group's value, locked", async () => {
  const { owner, teacher, students } = await classWithStudents(["Ada", "Bob", "Chloé", "Dan"]);
  const ack = await teacher.socket.emitWithAck("class:control", LR_PUSH);
  expect(ack).toEqual({ ok: true });
  // By the ack the students were told, and it was all stored.
  const session = await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
  expect(session.groupExperiment).toMatchObject({ key: "lr", values: [0.01, 0.1, 1], mode: "even" });
  const rows = await live.db.participant.findMany({
    where: { classSessionId: owner.classId },
    orderBy: { joinedAt: "asc" },
  });
  expect(rows.map((row) => row.experimentGroup)).toEqual([0, 1, 2, 0]);
  for (const [i, student] of students.entries()) {
    const control = student.controls.at(-1);
    expect(control?.type).toBe("reset");
    if (!control || !("state" in control)) throw new Error("no state");
    expect(control.state.group).toEqual({
      index: [0, 1, 2, 0][i],
      count: 3,
      key: "lr",
      value: [0.01, 0.1, 1, 0.01][i],
    });
    expect(control.state.settings.defaults.lr).toBe([0.01, 0.1, 1, 0.01][i]);
    expect(control.state.settings.unlocked).not.toContain("lr");
  }

  // A student asking for another lr still trains their group's; the run records the group.
  const bob = students[1];
  const started = await bob?.socket.emitWithAck("run:start", { choice: { lr: 5, hidden: 4 } });
  expect(started).toMatchObject({ ok: true, config: { lr: 0.1, hidden: 4 } });
  const run = await live.db.run.findUniqueOrThrow({ where: { id: (started as { runId: string }).runId } });
  expect(run.group).toEqual({ generation: session.generation, index: 1, key: "lr", value: 0.1 });

  // The teacher's tiles carry the groups, the class state the experiment.
  const snapshot = await teacher.socket.emitWithAck("teacher:resync", {});
  expect(snapshot.snapshot.class.experiment).toMatchObject({ key: "lr", values: [0.01, 0.1, 1] });
  expect(snapshot.snapshot.participants.map((tile: { group: number | null }) => tile.group)).toEqual([0, 1, 2, 0]);
});

it("puts a late joiner in the smallest group and stores it before their first run", async () => {
  const { owner, teacher } = await classWithStudents(["Ada", "Bob", "Chloé", "Dan"]);
  expect(await teacher.socket.emitWithAck("class:control", LR_PUSH)).toEqual({ ok: true });
  const late = await joinStudent(live.db, owner.joinCode, "Eve");
  const eve = await live.server.open(studentAuth(late.token));
  await until(() => eve.states.length === 1, "Eve's state");
  expect(eve.states[0]?.group).toEqual({ index: 1, count: 3, key: "lr", value: 0.1 });
  const started = await eve.socket.emitWithAck("run:start", { choice: {} });
  expect(started).toMatchObject({ ok: true, config: { lr: 0.1 } });
  // Her run's row is acked stored; her group was queued before it, so it is stored too.
  const row = await live.db.participant.findUniqueOrThrow({ where: { id: late.participantId } });
  expect(row.experimentGroup).toBe(1);
});

it("picks tiles: the teacher's picks stand and the rest are spread evenly", async () => {
  const { teacher, students } = await classWithStudents(["Ada", "Bob", "Chloé", "Dan"]);
  const picks = students.slice(0, 2).map((student) => ({ participantId: student.participantId, group: 1 }));
  const ack = await teacher.socket.emitWithAck("class:control", {
    type: "groups",
    experiment: { key: "activation", values: ["relu", "linear"], picks },
  });
  expect(ack).toEqual({ ok: true });
  expect(students.map((student) => groupOf(student.controls.at(-1))?.index)).toEqual([1, 1, 0, 0]);
  expect(groupOf(students[2]?.controls.at(-1))).toMatchObject({ key: "activation", value: "relu" });
});

it("refuses a bad push and changes nothing", async () => {
  const { owner, teacher, students } = await classWithStudents(["Ada", "Bob"]);
  for (const experiment of [
    { key: "lr", values: [0.1, 0.1] },
    { key: "hidden", values: [1, 2, 3, 4, 5] },
    { key: "lr", values: [0.1, 50] },
    { key: "initSeed", values: [1, 2] },
  ]) {
    const ack = await teacher.socket.emitWithAck("class:control", { type: "groups", experiment });
    expect(ack).toMatchObject({ ok: false, error: { code: "INVALID_PAYLOAD" } });
  }
  const session = await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
  expect(session.groupExperiment).toBeNull();
  expect(session.generation).toBe(0);
  for (const student of students) expect(student.controls).toEqual([]);
});

it("ends the experiment: everyone is back on the class's settings and no group is stored", async () => {
  const { owner, teacher, students } = await classWithStudents(["Ada", "Bob"]);
  expect(await teacher.socket.emitWithAck("class:control", LR_PUSH)).toEqual({ ok: true });
  expect(await teacher.socket.emitWithAck("class:control", { type: "groups", experiment: null })).toEqual({ ok: true });
  for (const student of students) {
    const control = student.controls.at(-1);
    expect(groupOf(control)).toBeNull();
    if (control && "state" in control) expect(control.state.settings.unlocked).toContain("lr");
  }
  const session = await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
  expect(session.groupExperiment).toBeNull();
  const rows = await live.db.participant.findMany({ where: { classSessionId: owner.classId } });
  expect(rows.every((row) => row.experimentGroup === null)).toBe(true);
});

it("a restarted server restores the experiment and every student's group", async () => {
  const { owner, teacher, students } = await classWithStudents(["Ada", "Bob", "Chloé"]);
  expect(
    await teacher.socket.emitWithAck("class:control", {
      type: "groups",
      experiment: { key: "hidden", values: [1, 8] },
    }),
  ).toEqual({ ok: true });
  const other = await startRealtimeTestServer(live.db);
  try {
    const again = await other.open(studentAuth(students[1]?.token ?? ""));
    await until(() => again.states.length === 1, "Bob's state on the new server");
    expect(again.states[0]?.group).toEqual({ index: 1, count: 2, key: "hidden", value: 8 });
    expect(again.states[0]?.settings.defaults.hidden).toBe(8);
    const watcher = await other.open(teacherAuth(owner.classId), owner.cookie);
    await until(() => watcher.snapshots.length === 1, "the snapshot on the new server");
    expect(watcher.snapshots[0]?.class.experiment).toMatchObject({ key: "hidden", values: [1, 8], mode: "even" });
  } finally {
    await other.close();
  }
});
