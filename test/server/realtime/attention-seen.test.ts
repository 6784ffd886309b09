/**
 * Attention flags over real socket.io and PostgreSQL: a flag reaches the teacher's frames, the
 * teacher's "seen" mark is stored before the ack and before the tile shows it seen, a worse
 * condition shows it again, bad requests change nothing, the marks survive a server restart, and
 * a finished run is stored with its flags (Run.flags).
 */
import type { Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STUCK_CELL_ATTEMPTS } from "@/lib/classroom/attention";
import { initMlp, toChapterWeights } from "@/lib/ml/nn";
import { MAP_BYTES, type TeacherFrame, type TileFlag, teacherFrameSchema, type Weights } from "@/lib/protocol";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import {
  collect,
  createTeacherWithClass,
  joinStudent,
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

/** The latest flags the teacher was sent for `participantId` (frames decoded as the browser does). */
function latestFlags(frames: unknown[], participantId: string): TileFlag[] | undefined {
  let flags: TileFlag[] | undefined;
  for (const wire of frames) {
    const frame: TeacherFrame = teacherFrameSchema.parse(wire);
    for (const delta of frame.participants) if (delta.id === participantId && delta.flags) flags = delta.flags;
  }
  return flags;
}

async function failChecks(socket: ClientSocket, count: number) {
  for (let i = 0; i < count; i++) {
    const ack = await socket.emitWithAck("cell:check", { cell: 2, isPassed: false, error: "wrong shape" });
    expect(ack).toMatchObject({ ok: true });
  }
}

describe("attention flags over socket.io", () => {
  it("marks a flag seen only once stored, shows it again when worse, and keeps the mark across a restart", async () => {
    const owner = await createTeacherWithClass(db);
    const teacher = await server.open(teacherAuth(owner.classId), owner.cookie);
    const frames = collect<unknown>(teacher.socket, "teacher:frame");
    const ada = await joinStudent(db, owner.joinCode, "Ada");
    const student = await server.open(studentAuth(ada.token));
    expect(student.error).toBeNull();

    await failChecks(student.socket, STUCK_CELL_ATTEMPTS);
    await until(() => latestFlags(frames, ada.participantId)?.[0]?.kind === "stuckCell", "the stuck-cell flag");
    expect(latestFlags(frames, ada.participantId)).toMatchObject([{ kind: "stuckCell", level: 1, isSeen: false }]);

    // Bad requests are answered and change nothing.
    expect(
      await teacher.socket.emitWithAck("attention:seen", { participantId: ada.participantId, kind: "nope" }),
    ).toMatchObject({
      ok: false,
      error: { code: "INVALID_PAYLOAD" },
    });
    expect(
      await teacher.socket.emitWithAck("attention:seen", { participantId: ada.participantId, kind: "plateau" }),
    ).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    expect(
      await student.socket.emitWithAck("attention:seen", { participantId: ada.participantId, kind: "stuckCell" }),
    ).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect((await db.participant.findUniqueOrThrow({ where: { id: ada.participantId } })).attentionSeen).toEqual({});

    // Marked seen: stored by the time the ack arrives; the tile then shows it seen.
    const seen = await teacher.socket.emitWithAck("attention:seen", {
      participantId: ada.participantId,
      kind: "stuckCell",
    });
    expect(seen).toEqual({ ok: true });
    expect((await db.participant.findUniqueOrThrow({ where: { id: ada.participantId } })).attentionSeen).toEqual({
      stuckCell: 1,
    });
    await until(() => latestFlags(frames, ada.participantId)?.[0]?.isSeen === true, "the flag shown seen");

    // Worse (twice the failed checks): it needs attention again.
    await failChecks(student.socket, STUCK_CELL_ATTEMPTS);
    await until(() => latestFlags(frames, ada.participantId)?.[0]?.level === 2, "the flag back at level 2");
    expect(latestFlags(frames, ada.participantId)?.[0]?.isSeen).toBe(false);
    expect(
      await teacher.socket.emitWithAck("attention:seen", { participantId: ada.participantId, kind: "stuckCell" }),
    ).toEqual({ ok: true });

    // A restart: the new process loads the class and its marks from storage.
    await server.close();
    server = await startRealtimeTestServer(db);
    const again = await server.open(teacherAuth(owner.classId), owner.cookie);
    await until(() => again.snapshots.length > 0, "the restarted server's snapshot");
    const tile = again.snapshots[0]?.participants.find((candidate) => candidate.id === ada.participantId);
    expect(tile?.flags).toMatchObject([{ kind: "stuckCell", level: 2, isSeen: true }]);
  });

  it("stores a finished run with its flags", async () => {
    const owner = await createTeacherWithClass(db);
    const grace = await joinStudent(db, owner.joinCode, "Grace");
    const student = await server.open(studentAuth(grace.token));
    const started = await student.socket.emitWithAck("run:start", { choice: { hidden: 8, activation: "relu" } });
    expect(started.ok).toBe(true);
    const weights = toChapterWeights(initMlp({ hidden: 8, activation: "relu", seed: 4 })) as Weights;
    for (const j of [0, 1, 2, 3]) {
      weights.w1[j] = [0, 0];
      weights.b1[j] = -1;
    }
    const finished = await student.socket.emitWithAck("run:finish", {
      runId: started.runId,
      outcome: "completed",
      step: 200,
      loss: 0.5,
      accuracy: 0.7,
      curve: [
        [0, 0.7],
        [200, 0.5],
      ],
      map: new Uint8Array(MAP_BYTES).fill(128),
      weights,
    });
    expect(finished).toEqual({ ok: true });
    const run = await db.run.findUniqueOrThrow({ where: { id: started.runId } });
    expect(run.flags).toEqual([{ kind: "deadUnits", level: 4, reason: "4 of 8 hidden units dead on every point" }]);
  });
});
