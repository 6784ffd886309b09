/**
 * The writer's backlog is bounded in bytes (issue 13: a lecture hall ran out of memory with 2,219
 * rows backed up behind a slow write). Real PostgreSQL, its Run table locked by another session
 * so the writer's batch waits: finished runs pile up until their bytes reach the bound; then
 * storage says it is busy (the hub refuses new rows before the room takes them) and a new run
 * start is answered STORAGE_UNAVAILABLE and not kept. Nothing accepted is dropped: once the lock
 * goes, every finish taken before the bound is stored and the writer is no longer busy.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSessionSettings, resolveRunConfig } from "@/lib/classroom/settings";
import { PARTICIPANT_STATUS } from "@/lib/classroom/status";
import type { LossPoint } from "@/lib/protocol";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { finishBytes } from "@/server/persistence/backlog-bytes";
import { createPersistence, type WriteOutcome } from "@/server/persistence/create-persistence";
import type { FinishedRun } from "@/server/realtime/class-room";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import { createTeacherWithClass, joinStudent, until } from "../../helpers/realtime";

/** Finished runs of this many points weigh ~64 kB each in the writer's estimate. */
const CURVE_POINTS = 1000;
/** A small bound, so a dozen finishes reach it. */
const BOUND_BYTES = 10 * finishBytesOf(CURVE_POINTS);

let database: TestDatabase;
let db: PrismaClient;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

function finishBytesOf(points: number): number {
  return finishBytes(finishedRun({ classId: "c", participantId: "p", runId: "r", points }));
}

function finishedRun(ids: { classId: string; participantId: string; runId: string; points: number }): FinishedRun {
  const curve = Array.from({ length: ids.points }, (_, i): LossPoint => [i, 0.7 / (1 + i)]);
  return {
    classId: ids.classId,
    participantId: ids.participantId,
    runId: ids.runId,
    config: resolveRunConfig(defaultSessionSettings(), {}),
    status: PARTICIPANT_STATUS.finished,
    startedAt: Date.now() - 1000,
    finishedAt: Date.now(),
    targetReachedStep: null,
    lessonStep: null,
    group: null,
    edits: [],
    finish: {
      runId: ids.runId,
      outcome: "completed",
      step: ids.points - 1,
      loss: 0.1,
      accuracy: 0.9,
      curve,
      map: null,
      weights: null,
    },
  };
}

describe("the writer's backlog under a stalled database", () => {
  it("refuses new rows at its bound in bytes, and stores every row it took once the database moves", async () => {
    const owner = await createTeacherWithClass(db);
    const ada = await joinStudent(db, owner.joinCode, "Ada");
    const persistence = createPersistence({
      db,
      listRooms: () => [],
      log: () => undefined,
      maxBacklogBytes: BOUND_BYTES,
    });
    const { hooks } = persistence;
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    const answers: Promise<WriteOutcome>[] = [];
    try {
      await locker.query('BEGIN; LOCK TABLE "Run" IN ACCESS EXCLUSIVE MODE');
      let taken = 0;
      while (!hooks.isStorageBusy()) {
        const record = finishedRun({
          classId: owner.classId,
          participantId: ada.participantId,
          runId: `run-${++taken}`,
          points: CURVE_POINTS,
        });
        answers.push(hooks.onRunFinished(record));
        // The first finish goes out alone and waits on the lock; the rest pile up behind it.
        await new Promise(setImmediate);
        expect(taken).toBeLessThan(100);
      }
      expect(taken).toBeGreaterThanOrEqual(10);
      expect(persistence.status().backlogBytes).toBeGreaterThanOrEqual(BOUND_BYTES);
      // Over the bound a new run start is refused at once and not kept: its sender resends it.
      const refused = await hooks.onRunStarted({
        classId: owner.classId,
        participantId: ada.participantId,
        runId: "run-refused",
        config: resolveRunConfig(defaultSessionSettings(), {}),
        generation: 0,
        replacedRunId: null,
        lessonStep: null,
        startedAt: Date.now(),
        startRequestId: null,
        group: null,
        isRepeat: false,
      });
      expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: "STORAGE_UNAVAILABLE" }) });

      await locker.query("COMMIT");
      await until(() => persistence.status().backlogRows === 0, "the backlog drained", 15_000);
      await persistence.flush();
      expect(hooks.isStorageBusy()).toBe(false);
      const stored = await db.run.findMany({ where: { classSessionId: owner.classId }, select: { id: true } });
      expect(stored.map((run) => run.id).sort()).toEqual(
        Array.from({ length: taken }, (_, i) => `run-${i + 1}`).sort(),
      );
      // Answers past the 4 s deadline said "not stored yet"; none said a row was refused for good.
      for (const answer of await Promise.all(answers))
        if (!answer.ok) expect(answer.error.code).toBe("STORAGE_UNAVAILABLE");
    } finally {
      await locker.query("ROLLBACK").catch(() => undefined);
      await locker.end();
      await persistence.close();
    }
  });
});
