/**
 * The writer's memory (issue 13): Prisma keyed a batch transaction's query plan by the batch's
 * whole text, finished runs' curves included, and kept up to 1,000 such plans, so a lecture hall
 * filled the server's heap with batches already written. The writer's own client keeps none:
 * many batches of finished runs later, the heap is where it was.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSessionSettings, resolveRunConfig } from "@/lib/classroom/settings";
import { PARTICIPANT_STATUS } from "@/lib/classroom/status";
import type { LossPoint } from "@/lib/protocol";
import { createPrismaClient, createWriterPrismaClient, type PrismaClient } from "@/server/db/client";
import { emptyBatch, writeBatch } from "@/server/persistence/write-batch";
import type { FinishedRun } from "@/server/realtime/class-room";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import { createTeacherWithClass, joinStudent } from "../../helpers/realtime";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Batches written in the measured stretch, two finished runs of 1,000 points each. */
const BATCHES = 150;
/** ~40 kB of curve text per batch: a plan cache holding them grows by several MB. */
const CURVE_POINTS = 1000;
/** Growth allowed for what Prisma and pg warm up lazily; with the plan cache it was ~20 MB (1 MB without). */
const ALLOWED_GROWTH_BYTES = 3 * 1024 * 1024;

let database: TestDatabase;
let setupDb: PrismaClient;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  setupDb = createPrismaClient(database.url);
});

afterAll(async () => {
  await setupDb?.$disconnect();
  await database?.drop();
});

function heapUsedAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe("the writer's database client", () => {
  it("keeps nothing of the batches it wrote: 150 batches of finished runs leave the heap as it was", async () => {
    const owner = await createTeacherWithClass(setupDb);
    const students = [
      await joinStudent(setupDb, owner.joinCode, "Ada"),
      await joinStudent(setupDb, owner.joinCode, "Bob"),
    ];
    const config = resolveRunConfig(defaultSessionSettings(), {});
    let runNumber = 0;
    const finished = (participantId: string): FinishedRun => {
      const runId = `run-${++runNumber}`;
      // Every batch's curves differ, as real students' do.
      const curve = Array.from({ length: CURVE_POINTS }, (_, i): LossPoint => [i, 0.7 / (1 + i) + runNumber * 1e-6]);
      return {
        classId: owner.classId,
        participantId,
        runId,
        config,
        status: PARTICIPANT_STATUS.finished,
        startedAt: Date.now() - 1000,
        finishedAt: Date.now(),
        targetReachedStep: null,
        lessonStep: null,
        group: null,
        edits: [],
        finish: {
          runId,
          outcome: "completed",
          step: CURVE_POINTS - 1,
          loss: 0.1,
          accuracy: 0.9,
          curve,
          map: null,
          weights: null,
        },
      };
    };
    const writer = createWriterPrismaClient(database.url);
    try {
      // A batch as a live class makes them: runs started, runs finished (the same runs here).
      const writeOne = () => {
        const finishes = students.map((s) => finished(s.participantId));
        const runCreates = finishes.map((record) => ({
          id: record.runId,
          participantId: record.participantId,
          classId: record.classId,
          config: record.config,
          startedAt: record.startedAt,
          lessonStep: null,
          group: null,
          startRequestId: null,
        }));
        return writeBatch(writer, { ...emptyBatch(), runCreates, finishes }, new Date());
      };
      for (let i = 0; i < 20; i++) await writeOne();
      const before = heapUsedAfterGc();
      for (let i = 0; i < BATCHES; i++) await writeOne();
      const growth = heapUsedAfterGc() - before;
      expect(await setupDb.run.count({ where: { classSessionId: owner.classId } })).toBe((20 + BATCHES) * 2);
      expect(growth).toBeLessThan(ALLOWED_GROWTH_BYTES);
    } finally {
      await writer.$disconnect();
    }
  });
});
