/**
 * The writer's batch as raw multi-row SQL (batch-statements.ts) stores what the model calls it
 * replaced stored, read back through Prisma's model API: run starts (a repeat written once),
 * progress on training runs only, map snapshots, aborts that spare finished runs, last-seen marks,
 * presence opens and ends (an end never moves back). A batch larger than one statement's bind
 * parameters (a long outage's merged backlog) is cut into several statements and lands whole.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSessionSettings, resolveRunConfig } from "@/lib/classroom/settings";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { MAX_STATEMENT_PARAMETERS, PARAMETERS_PER_ROW } from "@/server/persistence/batch-statements";
import { emptyBatch, type RunCreate, writeBatch } from "@/server/persistence/write-batch";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import { createTeacherWithClass, joinStudent } from "../../helpers/realtime";

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

const config = resolveRunConfig(defaultSessionSettings(), {});

function runCreate(id: string, participantId: string, classId: string, startedAt: number): RunCreate {
  return {
    id,
    participantId,
    classId,
    config,
    startedAt,
    lessonStep: 2,
    startRequestId: `req-${id}`,
    group: null,
  };
}

describe("the writer's raw batch", () => {
  it("stores every kind of row as the model API reads it", async () => {
    const owner = await createTeacherWithClass(db);
    const ada = await joinStudent(db, owner.joinCode, "Ada");
    const bob = await joinStudent(db, owner.joinCode, "Bob");
    const t0 = Date.parse("2026-12-03T15:00:00.000Z");
    const at = new Date(t0 + 5000);
    const group = { generation: 1, index: 0, key: "lr", value: 0.1 } as RunCreate["group"];
    await writeBatch(
      db,
      {
        ...emptyBatch(),
        runCreates: [
          runCreate("r1", ada.participantId, owner.classId, t0),
          { ...runCreate("r2", bob.participantId, owner.classId, t0 + 1), group },
        ],
        presenceOpens: [{ id: "i1", participantId: ada.participantId, startedAt: t0, endedAt: t0 }],
      },
      at,
    );
    // A repeat of r1 (a resent start) changes nothing; r2 finishes elsewhere, then both are aborted.
    await db.run.update({ where: { id: "r2" }, data: { status: "FINISHED" } });
    const map = new Uint8Array(1024).fill(7);
    await writeBatch(
      db,
      {
        ...emptyBatch(),
        runCreates: [{ ...runCreate("r1", ada.participantId, owner.classId, t0 + 999), lessonStep: 5 }],
        progress: [
          { runId: "r1", step: 420, loss: 0.31, accuracy: 0.9, flags: [] },
          { runId: "r2", step: 999, loss: 0.01, accuracy: 1, flags: [] },
        ],
        snapshots: [{ runId: "r1", step: 400, loss: 0.32, map: map.subarray(0, 1024), at: t0 + 4000 }],
        seenParticipantIds: [ada.participantId, bob.participantId],
        presenceEnds: [{ id: "i1", endedAt: t0 + 15_000 }],
      },
      at,
    );
    await writeBatch(
      db,
      { ...emptyBatch(), abortedRunIds: ["r1", "r2"], presenceEnds: [{ id: "i1", endedAt: t0 + 3000 }] },
      at,
    );

    const runs = await db.run.findMany({ orderBy: { id: "asc" } });
    expect(runs.map((run) => [run.id, run.status, run.steps, run.lessonStep, run.startRequestId])).toEqual([
      ["r1", "ABORTED", 420, 2, "req-r1"],
      ["r2", "FINISHED", 0, 2, "req-r2"],
    ]);
    expect(runs[0]).toMatchObject({
      participantId: ada.participantId,
      classSessionId: owner.classId,
      config,
      startedAt: new Date(t0),
      finishedAt: at,
      reportedLoss: 0.31,
      reportedAccuracy: 0.9,
      curve: [],
      edits: [],
      flags: [],
      group: null,
    });
    expect(runs[1]?.group).toEqual(group);
    const snapshots = await db.mapSnapshot.findMany();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ runId: "r1", step: 400, loss: 0.32, at: new Date(t0 + 4000) });
    expect([...(snapshots[0]?.map ?? [])]).toEqual([...map]);
    const seen = await db.participant.findMany({ where: { classSessionId: owner.classId } });
    expect(seen.map((participant) => participant.lastSeenAt)).toEqual([at, at]);
    const interval = await db.presenceInterval.findUniqueOrThrow({ where: { id: "i1" } });
    expect(interval).toMatchObject({ startedAt: new Date(t0), endedAt: new Date(t0 + 15_000) });
  });

  it("cuts a batch larger than one statement's parameters into several statements", async () => {
    const owner = await createTeacherWithClass(db);
    const ada = await joinStudent(db, owner.joinCode, "Ada");
    // PostgreSQL refuses a statement with more than 65,535 bind parameters.
    const count = Math.ceil(65_536 / PARAMETERS_PER_ROW.runCreate) + 100;
    expect(count * PARAMETERS_PER_ROW.runCreate).toBeGreaterThan(2 * MAX_STATEMENT_PARAMETERS);
    const runCreates = Array.from({ length: count }, (_, i) =>
      runCreate(`bulk-${i}`, ada.participantId, owner.classId, Date.now()),
    );
    const { statements, rows } = await writeBatch(db, { ...emptyBatch(), runCreates }, new Date());
    expect(statements).toBe(3);
    expect(rows).toBe(count);
    expect(await db.run.count({ where: { classSessionId: owner.classId } })).toBe(count);
  });
});
