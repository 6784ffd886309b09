/**
 * One batched write: everything the live class accumulated since the last flush, in one
 * transaction of a few multi-row statements. Order matters: runs are created before their
 * progress, finishes, snapshots and aborts refer to them. {@link splitBatch} cuts a batch into
 * one-row batches, so a row PostgreSQL refuses can be told from the honest ones.
 */
import type { RunGroup } from "../../lib/classroom/groups";
import type { RunConfig } from "../../lib/classroom/settings";
import { Prisma, type PrismaClient, RunStatus } from "../db/client";
import { type CellCheckRecord, recordCellCheck } from "../participants/record-cell-check";
import type { FinishedRun } from "../realtime/class-room";
import { recordRunFinishes } from "../runs/record-run-finish";
import type { PresenceEnd, PresenceOpen } from "./presence-tracker";

/** A run that started since the last flush. */
export type RunCreate = {
  id: string;
  participantId: string;
  classId: string;
  config: RunConfig;
  startedAt: number;
  /** The lesson step it is trained on; null without a lesson. */
  lessonStep: number | null;
  /** The run:start request id (Run.startRequestId). */
  startRequestId: string | null;
  /** The group experiment's group (Run.group); null outside one. */
  group: RunGroup | null;
};
/** The latest figures of a run in progress. */
export type RunProgress = { runId: string; step: number; loss: number | null; accuracy: number | null };
/** A decision-map snapshot for the review's replay. */
export type MapSnapshotRow = { runId: string; step: number; loss: number; map: Uint8Array; at: number };

/** What one flush writes. */
export type Batch = {
  runCreates: RunCreate[];
  /** Finished runs (whole curve, map, weights): one multi-row upsert. */
  finishes: FinishedRun[];
  /** Chapter-cell results, latest per participant and cell. */
  cellChecks: CellCheckRecord[];
  progress: RunProgress[];
  snapshots: MapSnapshotRow[];
  abortedRunIds: string[];
  seenParticipantIds: string[];
  /** Presence intervals opened (and maybe closed) since the last flush. */
  presenceOpens: PresenceOpen[];
  /** New ends of intervals written earlier: closes and heartbeats. */
  presenceEnds: PresenceEnd[];
};

/**
 * Prisma's defaults (2 s to get a connection, 5 s to run) turn a busy database into failed
 * batches; the queue waits for one batch at a time anyway, so waiting longer costs nothing.
 */
const BATCH_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 } as const;

/** A batch with nothing in it. */
export function emptyBatch(): Batch {
  return {
    runCreates: [],
    finishes: [],
    cellChecks: [],
    progress: [],
    snapshots: [],
    abortedRunIds: [],
    seenParticipantIds: [],
    presenceOpens: [],
    presenceEnds: [],
  };
}

/** Rows in the batch. */
export function batchRows(batch: Batch): number {
  let rows = 0;
  for (const key of BATCH_KEYS) rows += batch[key].length;
  return rows;
}

/** The batch's lists in write order (runs exist before anything refers to them). */
const BATCH_KEYS = [
  "runCreates",
  "finishes",
  "cellChecks",
  "progress",
  "snapshots",
  "abortedRunIds",
  "seenParticipantIds",
  "presenceOpens",
  "presenceEnds",
] as const satisfies readonly (keyof Batch)[];

/** The batch as one-row batches, in write order. */
export function splitBatch(batch: Batch): Batch[] {
  const rows: Batch[] = [];
  for (const key of BATCH_KEYS) {
    for (const row of batch[key] as unknown[]) rows.push({ ...emptyBatch(), [key]: [row] });
  }
  return rows;
}

/** The batches' rows as one batch, in their order. */
export function mergeBatches(batches: readonly Batch[]): Batch {
  const merged = emptyBatch();
  for (const batch of batches) for (const key of BATCH_KEYS) (merged[key] as unknown[]).push(...batch[key]);
  return merged;
}

/** Key of a durable row, by which its sender's ticket waits (see {@link durableKeys}). */
export const DURABLE_KEY = {
  runStart: (runId: string) => `start:${runId}`,
  finish: (runId: string) => `finish:${runId}`,
  cell: (participantId: string, cell: number) => `cell:${participantId}:${cell}`,
} as const;

/** Keys of the batch's durable rows: run starts, finishes and cell checks, whose senders wait for them. */
export function durableKeys(batch: Batch): string[] {
  return [
    ...batch.runCreates.map((run) => DURABLE_KEY.runStart(run.id)),
    ...batch.finishes.map((record) => DURABLE_KEY.finish(record.runId)),
    ...batch.cellChecks.map((check) => DURABLE_KEY.cell(check.participantId, check.result.cell)),
  ];
}

/** True when the batch has nothing to write. */
export function isEmptyBatch(batch: Batch): boolean {
  return (
    batch.runCreates.length === 0 &&
    batch.finishes.length === 0 &&
    batch.cellChecks.length === 0 &&
    batch.progress.length === 0 &&
    batch.snapshots.length === 0 &&
    batch.abortedRunIds.length === 0 &&
    batch.seenParticipantIds.length === 0 &&
    batch.presenceOpens.length === 0 &&
    batch.presenceEnds.length === 0
  );
}

/**
 * Writes a batch in one transaction; returns the statements and rows written.
 *
 * @example
 * const { statements, rows } = await writeBatch(db, batch, new Date());
 */
export async function writeBatch(
  db: PrismaClient,
  batch: Batch,
  at: Date,
): Promise<{ statements: number; rows: number }> {
  const writes: Prisma.PrismaPromise<unknown>[] = [];
  let rows = 0;
  if (batch.runCreates.length > 0) {
    writes.push(
      db.run.createMany({
        data: batch.runCreates.map((run) => ({
          id: run.id,
          participantId: run.participantId,
          classSessionId: run.classId,
          config: run.config,
          status: RunStatus.TRAINING,
          startedAt: new Date(run.startedAt),
          lessonStep: run.lessonStep,
          startRequestId: run.startRequestId,
          group: run.group ?? Prisma.DbNull,
        })),
        // A finish that raced ahead may already have upserted the run.
        skipDuplicates: true,
      }),
    );
    rows += batch.runCreates.length;
  }
  if (batch.finishes.length > 0) {
    writes.push(recordRunFinishes(db, batch.finishes, at));
    rows += batch.finishes.length;
  }
  for (const check of batch.cellChecks) writes.push(recordCellCheck(db, check));
  rows += batch.cellChecks.length;
  if (batch.progress.length > 0) {
    writes.push(db.$executeRaw(progressUpdate(batch.progress, at)));
    rows += batch.progress.length;
  }
  if (batch.snapshots.length > 0) {
    const data = batch.snapshots.map((s) => ({
      runId: s.runId,
      step: s.step,
      loss: s.loss,
      map: new Uint8Array(s.map),
      at: new Date(s.at),
    }));
    writes.push(db.mapSnapshot.createMany({ data }));
    rows += batch.snapshots.length;
  }
  if (batch.abortedRunIds.length > 0) {
    writes.push(
      db.run.updateMany({
        where: { id: { in: batch.abortedRunIds }, status: RunStatus.TRAINING },
        data: { status: RunStatus.ABORTED, finishedAt: at },
      }),
    );
    rows += batch.abortedRunIds.length;
  }
  if (batch.seenParticipantIds.length > 0) {
    writes.push(
      db.participant.updateMany({ where: { id: { in: batch.seenParticipantIds } }, data: { lastSeenAt: at } }),
    );
    rows += batch.seenParticipantIds.length;
  }
  if (batch.presenceOpens.length > 0) {
    writes.push(
      db.presenceInterval.createMany({
        data: batch.presenceOpens.map((open) => ({
          id: open.id,
          participantId: open.participantId,
          startedAt: new Date(open.startedAt),
          endedAt: new Date(open.endedAt),
        })),
        skipDuplicates: true,
      }),
    );
    rows += batch.presenceOpens.length;
  }
  if (batch.presenceEnds.length > 0) {
    writes.push(db.$executeRaw(presenceEndUpdate(batch.presenceEnds)));
    rows += batch.presenceEnds.length;
  }
  if (writes.length > 0) await db.$transaction(writes, BATCH_TRANSACTION_OPTIONS);
  return { statements: writes.length, rows };
}

/** One UPDATE … FROM (VALUES …) for every run's latest step, loss and accuracy. */
function progressUpdate(progress: readonly RunProgress[], at: Date): Prisma.Sql {
  const values = progress.map(
    (p) => Prisma.sql`(${p.runId}::text, ${p.step}::int, ${p.loss}::float8, ${p.accuracy}::float8)`,
  );
  return Prisma.sql`
    UPDATE "Run" AS r
    SET "steps" = v.steps, "reportedLoss" = v.loss, "reportedAccuracy" = v.accuracy, "updatedAt" = ${at}
    FROM (VALUES ${Prisma.join(values)}) AS v(id, steps, loss, accuracy)
    WHERE r."id" = v.id AND r."status" = 'TRAINING'`;
}

/** One UPDATE … FROM (VALUES …) for every interval's new end; an end never moves back. */
function presenceEndUpdate(ends: readonly PresenceEnd[]): Prisma.Sql {
  const values = ends.map((end) => Prisma.sql`(${end.id}::text, ${new Date(end.endedAt)}::timestamp(3))`);
  return Prisma.sql`
    UPDATE "PresenceInterval" AS i
    SET "endedAt" = GREATEST(i."endedAt", v.ended)
    FROM (VALUES ${Prisma.join(values)}) AS v(id, ended)
    WHERE i."id" = v.id`;
}
