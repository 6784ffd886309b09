/**
 * One batched write: everything the live class accumulated since the last flush, in one
 * transaction of a few multi-row statements. Order matters: runs are created before their
 * progress, finishes, snapshots and aborts refer to them. {@link splitBatch} cuts a batch into
 * one-row batches, so a row PostgreSQL refuses can be told from the honest ones.
 */
import type { RunGroup } from "../../lib/classroom/groups";
import type { RunConfig } from "../../lib/classroom/settings";
import type { StoredFlag } from "../../lib/protocol";
import { type Prisma, type PrismaClient, sqlPoolOf } from "../db/client";
import { type CellCheckRecord, cellCheckUpsert } from "../participants/record-cell-check";
import type { FinishedRun } from "../realtime/class-room";
import { FINISH_PARAMETERS_PER_ROW, runFinishUpsert } from "../runs/record-run-finish";
import {
  abortUpdate,
  chunkRows,
  lastSeenUpdate,
  PARAMETERS_PER_ROW,
  presenceEndUpdate,
  presenceOpenInsert,
  progressUpdate,
  runCreateInsert,
  snapshotInsert,
} from "./batch-statements";
import type { PresenceEnd, PresenceOpen } from "./presence-tracker";
import { runInTransaction } from "./sql-transaction";

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
export type RunProgress = {
  runId: string;
  step: number;
  loss: number | null;
  accuracy: number | null;
  /** Its attention flags at their worst so far (Run.flags). */
  flags: readonly StoredFlag[];
};
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
 * Writes a batch in one transaction of raw multi-row statements (batch-statements.ts), sent on
 * the client's own node-postgres pool past Prisma (sql-transaction.ts); returns the statements
 * and rows written.
 *
 * @example
 * const { statements, rows } = await writeBatch(db, batch, new Date());
 */
export async function writeBatch(
  db: PrismaClient,
  batch: Batch,
  at: Date,
): Promise<{ statements: number; rows: number }> {
  const statements = batchStatements(batch, at);
  if (statements.length > 0) {
    const pool = sqlPoolOf(db);
    if (pool) await runInTransaction(pool, statements);
    // A client made elsewhere has no pool of ours: the same statements through Prisma.
    else await db.$transaction(statements.map((statement) => db.$executeRaw(statement)));
  }
  return { statements: statements.length, rows: batchRows(batch) };
}

/** The batch's statements in write order, each list cut to fit one statement's parameters. */
function batchStatements(batch: Batch, at: Date): Prisma.Sql[] {
  const statements: Prisma.Sql[] = [];
  const add = <T>(list: readonly T[], parametersPerRow: number, statement: (rows: readonly T[]) => Prisma.Sql) => {
    for (const rows of chunkRows(list, parametersPerRow)) statements.push(statement(rows));
  };
  add(batch.runCreates, PARAMETERS_PER_ROW.runCreate, (runs) => runCreateInsert(runs, at));
  add(batch.finishes, FINISH_PARAMETERS_PER_ROW, (records) => runFinishUpsert(records, at));
  for (const check of batch.cellChecks) statements.push(cellCheckUpsert(check, at));
  add(batch.progress, PARAMETERS_PER_ROW.progress, (rows) => progressUpdate(rows, at));
  add(batch.snapshots, PARAMETERS_PER_ROW.snapshot, (rows) => snapshotInsert(rows));
  add(batch.abortedRunIds, PARAMETERS_PER_ROW.id, (ids) => abortUpdate(ids, at));
  add(batch.seenParticipantIds, PARAMETERS_PER_ROW.id, (ids) => lastSeenUpdate(ids, at));
  add(batch.presenceOpens, PARAMETERS_PER_ROW.presenceOpen, (rows) => presenceOpenInsert(rows));
  add(batch.presenceEnds, PARAMETERS_PER_ROW.presenceEnd, (rows) => presenceEndUpdate(rows));
  return statements;
}
