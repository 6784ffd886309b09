/**
 * Counts what this process writes to PostgreSQL, so the load script can report DB writes per
 * second and a test can assert that refused payloads wrote nothing.
 */

/** Totals since the process started. */
export type WriteStats = {
  /** Write round-trips: a batched flush counts once, an immediate finish or control write once. */
  batches: number;
  /** SQL write statements (a multi-row insert counts once). */
  statements: number;
  /** Rows inserted or updated. */
  rows: number;
};

const totals: WriteStats = { batches: 0, statements: 0, rows: 0 };

/** Records one write round-trip of `statements` statements touching `rows` rows. */
export function countWrite(statements: number, rows: number): void {
  if (statements === 0) return;
  totals.batches++;
  totals.statements += statements;
  totals.rows += rows;
}

/**
 * A copy of the totals; diff two readings over an interval for rates.
 *
 * @example
 * const before = readWriteStats(); await sleep(10_000); const after = readWriteStats();
 * const batchesPerSecond = (after.batches - before.batches) / 10;
 */
export function readWriteStats(): WriteStats {
  return { ...totals };
}
