/**
 * The live class over real sockets and a real database: a teacher and three students connect,
 * progress reaches the teacher's frames, controls reach every student.
 */
import type { Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudentControl, TeacherFrame } from "@/lib/protocol";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import {
  collect,
  createTeacherWithClass,
  joinStudent,
  next,
  type RealtimeTestServer,
  startRealtimeTestServer,
  studentAuth,
  teacherAuth,
  until,
} from "../../helpers/realtime";

let database: TestDatabase;
let db: PrismaClient;
let server: RealtimeTestServer;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
  server = await startRealtimeTestServer(db);
});

afterAll(async () => {
  await server?.close();
  await db?.$disconnect();
  await database?.drop();
});

describe("live class over socket.io", () => {
  it("carries three students' progress to the teacher and pause-all to every student", async () => {
    const owner = await createTeacherWithClass(db);
    const teacherConnection = await server.open(teacherAuth(owner.classId), owner.cookie);
    expect(teacherConnection.error).toBeNull();
    const teacher = teacherConnection.socket;
    const frames = collect<TeacherFrame>(teacher, "teacher:frame");

    const students: ClientSocket[] = [];
    for (const nickname of ["Ada", "Grace", "Alan"]) {
      const joined = await joinStudent(db, owner.joinCode, nickname);
      const { socket, error } = await server.open(studentAuth(joined.token));
      expect(error).toBeNull();
      students.push(socket);
    }
    for (const [i, student] of students.entries()) {
      const start = await student.emitWithAck("run:start", { choice: {} });
      expect(start.ok).toBe(true);
      student.emit("progress:update", { runId: start.runId, step: 10, accuracy: 0.5 + i / 10, points: [[10, 0.69 - i / 100]] });
    }
    await until(() => frames.flatMap((f) => f.participants).filter((p) => p.step === 10).length === 3, "three students' progress");

    const pauses = students.map((student) => next<StudentControl>(student, "student:control"));
    expect(await teacher.emitWithAck("class:control", { type: "pauseAll" })).toEqual({ ok: true });
    for (const control of await Promise.all(pauses)) {
      expect(control.type).toBe("pause");
      if (control.type === "pause") expect(control.state.isPaused).toBe(true);
    }
    const refused = await students[0]?.emitWithAck("run:start", { choice: {} });
    expect(refused.error.code).toBe("CLASS_PAUSED");
  });
});
