/**
 * A class control is durable before it takes effect (issue 12 item 2). Real socket.io, real
 * PostgreSQL behind a TCP proxy that the test cuts: a teacher's "pause all" sent during the cut
 * reaches no student and is not acked ok (STORAGE_UNAVAILABLE past the writer's deadline); once
 * the database is back, the write commits and only then do students hear it. With the database
 * up, the student hears the control before the teacher's ack arrives, and it is stored by then.
 */
import { expect, it } from "vitest";
import type { StudentControl } from "@/lib/protocol";
import { ACK_DEADLINE_MS } from "@/server/persistence/create-persistence";
import {
  createTeacherWithClass,
  joinStudent,
  studentAuth,
  teacherAuth,
  until,
  useProxiedRealtimeServer,
} from "../../helpers/realtime";

/** Past the writer's ack deadline, so the teacher hears "not stored" while the cut lasts. */
const CUT_MS = ACK_DEADLINE_MS + 1500;

const live = useProxiedRealtimeServer();

it("tells students a control only after it committed: never during a database cut", async () => {
  const owner = await createTeacherWithClass(live.direct);
  const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
  const joined = await joinStudent(live.direct, owner.joinCode, "Ada");
  const student = await live.server.open(studentAuth(joined.token));
  expect(teacher.error).toBeNull();
  expect(student.error).toBeNull();
  const heard: { control: StudentControl; at: number }[] = [];
  student.socket.on("student:control", (control: StudentControl) => heard.push({ control, at: Date.now() }));

  // Database up: the student hears it before the teacher's ack, and it is stored by then.
  const paused = await teacher.socket.emitWithAck("class:control", { type: "pauseAll" });
  expect(paused).toEqual({ ok: true });
  expect(heard.map(({ control }) => control.type)).toEqual(["pause"]);
  expect((await live.direct.classSession.findUniqueOrThrow({ where: { id: owner.classId } })).isPaused).toBe(true);

  // Database cut: "start all" is not stored, so nobody is told, and the teacher hears why.
  await live.proxy.cut();
  const started = teacher.socket.emitWithAck("class:control", { type: "startAll" });
  expect(await started).toMatchObject({ ok: false, error: { code: "STORAGE_UNAVAILABLE" } });
  await new Promise((resolve) => setTimeout(resolve, CUT_MS - ACK_DEADLINE_MS));
  expect(heard.map(({ control }) => control.type)).toEqual(["pause"]);
  const restoredAt = Date.now();
  await live.proxy.restore();

  // Back: the queued write commits, and then the control takes effect for the student.
  await until(() => heard.length === 2, "the start to reach the student once stored", 20_000);
  expect(heard[1]?.control.type).toBe("start");
  expect(heard[1]?.at).toBeGreaterThanOrEqual(restoredAt);
  expect((await live.direct.classSession.findUniqueOrThrow({ where: { id: owner.classId } })).isPaused).toBe(false);
});
