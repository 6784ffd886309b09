/**
 * What the writer's backlog costs in memory, estimated per row: the bound that matters under
 * overload is bytes, not rows (a finished run with its 1,000-point curve weighs ~100 times a
 * progress row). Estimates of the parsed objects on V8's heap, not of the SQL text.
 */
import type { CellCheckRecord } from "../participants/record-cell-check";
import type { FinishedRun } from "../realtime/class-room";
import type { Batch } from "./write-batch";

/** A parsed [step, loss] pair: a 2-element array with its backing store (~64 B on V8). */
const BYTES_PER_CURVE_POINT = 64;
/** One weight as parsed (a heap number in an array). */
const BYTES_PER_WEIGHT = 16;
/** Ids, dates, config, edits and the object around them. */
const BYTES_PER_ROW_OVERHEAD = 512;

/** A finished run as the writer holds it: curve, map, weights and the record around them. */
export function finishBytes(record: FinishedRun): number {
  const { finish } = record;
  const weights = finish.weights;
  const weightCount = weights ? weights.w1.length * 4 + 1 : 0;
  return (
    BYTES_PER_ROW_OVERHEAD +
    finish.curve.length * BYTES_PER_CURVE_POINT +
    (finish.map?.byteLength ?? 0) +
    weightCount * BYTES_PER_WEIGHT +
    record.edits.length * BYTES_PER_ROW_OVERHEAD
  );
}

/** A cell check: its shared code dominates. */
export function cellCheckBytes(check: CellCheckRecord): number {
  return BYTES_PER_ROW_OVERHEAD + (check.code?.length ?? 0) * 2 + (check.result.lastError?.length ?? 0) * 2;
}

/** Every other row (a run start, progress, presence, an id). */
export const SMALL_ROW_BYTES = BYTES_PER_ROW_OVERHEAD;

/** The whole batch, as sealed into the write queue. */
export function batchBytes(batch: Batch): number {
  let bytes = 0;
  for (const record of batch.finishes) bytes += finishBytes(record);
  for (const check of batch.cellChecks) bytes += cellCheckBytes(check);
  for (const snapshot of batch.snapshots) bytes += SMALL_ROW_BYTES + snapshot.map.byteLength;
  const small =
    batch.runCreates.length +
    batch.progress.length +
    batch.abortedRunIds.length +
    batch.seenParticipantIds.length +
    batch.presenceOpens.length +
    batch.presenceEnds.length;
  return bytes + small * SMALL_ROW_BYTES;
}
