/**
 * A class control is durable before it takes effect (issue 12 item 2). Real socket.io, real
 * PostgreSQL behind a TCP proxy that the test cuts: a teacher's "pause all" sent during the cut
 * reaches no student and is not acked ok (STORAGE_UNAVAILABLE past the writer's deadline); once
 * the database is back, the write commits and only then do students hear it. With the database
 * up, the student hears the control before the teacher's ack arrives, and it is stored by then.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { StudentControl } from "@/lib/protocol";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { ACK_DEADLINE_MS } from "@/server/persistence/create-persistence";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import {
  createTeacherWithClass,
  joinStudent,
  type RealtimeTestServer,
  startRealtimeTestServer,
  studentAuth,
  teacherAuth,
  until,
} from "../../helpers/realtime";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy";

/** Past the writer's ack deadline, so the teacher hears "not stored" while the cut lasts. */
const CUT_MS = ACK_DEADLINE_MS + 1500;

let database: TestDatabase;
let direct: PrismaClient;
let proxied: PrismaClient;
let proxy: TcpProxy;
let server: RealtimeTestServer;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  const target = new URL(database.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  direct = createPrismaClient(database.url);
  proxied = createPrismaClient(proxy.urlFor(database.url));
  server = await startRealtimeTestServer(proxied, { isAutoFlushOn: true });
});

afterAll(async () => {
  await server?.close();
  await proxied?.$disconnect();
  await direct?.$disconnect();
  await proxy?.close();
  await database?.drop();
});

it("tells students a control only after it committed: never during a database cut", async () => {
  const owner = await createTeacherWithClass(direct);
  const teacher = await server.open(teacherAuth(owner.classId), owner.cookie);
  const joined = await joinStudent(direct, owner.joinCode, "Ada");
  const student = await server.open(studentAuth(joined.token));
  expect(teacher.error).toBeNull();
  expect(student.error).toBeNull();
  const heard: { control: StudentControl; at: number }[] = [];
  student.socket.on("student:control", (control: StudentControl) => heard.push({ control, at: Date.now() }));

  // Database up: the student hears it before the teacher's ack, and it is stored by then.
  const paused = await teacher.socket.emitWithAck("class:control", { type: "pauseAll" });
  expect(paused).toEqual({ ok: true });
  expect(heard.map(({ control }) => control.type)).toEqual(["pause"]);
  expect((await direct.classSession.findUniqueOrThrow({ where: { id: owner.classId } })).isPaused).toBe(true);

  // Database cut: "start all" is not stored, so nobody is told, and the teacher hears why.
  await proxy.cut();
  const started = teacher.socket.emitWithAck("class:control", { type: "startAll" });
  expect(await started).toMatchObject({ ok: false, error: { code: "STORAGE_UNAVAILABLE" } });
  await new Promise((resolve) => setTimeout(resolve, CUT_MS - ACK_DEADLINE_MS));
  expect(heard.map(({ control }) => control.type)).toEqual(["pause"]);
  const restoredAt = Date.now();
  await proxy.restore();

  // Back: the queued write commits, and then the control takes effect for the student.
  await until(() => heard.length === 2, "the start to reach the student once stored", 20_000);
  expect(heard[1]?.control.type).toBe("start");
  expect(heard[1]?.at).toBeGreaterThanOrEqual(restoredAt);
  expect((await direct.classSession.findUniqueOrThrow({ where: { id: owner.classId } })).isPaused).toBe(false);
});
