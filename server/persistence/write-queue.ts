/**
 * The writer's queue: sealed batches and class controls, written one at a time in order. One
 * write is in flight at most (backpressure: what arrives meanwhile waits in the next batch, not
 * in an ever longer promise chain). Each durable row (a run start, a finish, a cell check) and
 * each control carries tickets that settle when it committed, or when PostgreSQL refused it.
 *
 * A failed batch is told apart three ways: if the database does not answer `SELECT 1`, it is
 * down; if the error is a connection or transaction-start problem (a busy pool, a dropped
 * connection: {@link isTransientError}), it is busy; either way the batch stays at the head of
 * the queue, retried with backoff. Otherwise, or after {@link SPLIT_AFTER_FAILURES} tries that
 * failed with the database up, some row was refused: the batch is split and written row by row.
 * Only the refused rows are dropped and reported; the rows beside them and the writes behind
 * them land.
 */
import { doublingDelayMs } from "../../lib/backoff";
import type { WriterStatus } from "../../lib/http/health";
import { ERROR_CODE, type ProtocolError } from "../../lib/protocol";
import type { PrismaClient } from "../db/client";
import { batchBytes, SMALL_ROW_BYTES } from "./backlog-bytes";
import { type Batch, batchRows, durableKeys, isEmptyBatch, mergeBatches, splitBatch, writeBatch } from "./write-batch";
import { countWrite } from "./write-stats";

/** What a durable write's ticket settles with. */
export type WriteOutcome = { ok: true } | { ok: false; error: ProtocolError };

/** First retry after an outage is noticed; doubles on each failure up to {@link RETRY_MAX_MS}. */
export const RETRY_MIN_MS = 250;
/** Retries never wait longer than this: the class is back within 5 s of the database. */
export const RETRY_MAX_MS = 4000;

/** A batch that fails this often while the database answers is split, even on errors that look transient. */
export const SPLIT_AFTER_FAILURES = 3;

/**
 * Errors that say nothing about the rows: Prisma's connection (P1xxx), pool timeout (P2024) and
 * transaction API (P2028) errors; PostgreSQL's connection (08xxx), shutdown (57P0x) and
 * resource (53xxx) states; node-postgres's dropped connections and timeouts.
 */
export function isTransientError(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === "string" && (/^P1\d{3}$/.test(code) || code === "P2024" || code === "P2028")) return true;
  if (typeof code === "string" && /^(08...|57P0.|53...)$/.test(code)) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /Unable to start a transaction|Connection terminated|ECONNREFUSED|ECONNRESET|Can't reach database|Timed out fetching a new connection|Transaction already closed|timeout exceeded when trying to connect|Query read timeout|not queryable/i.test(
    message,
  );
}

type Settle = (outcome: WriteOutcome) => void;
/** How one write attempt went: landed (or refused for good), or to retry. */
type Attempt = "written" | "down" | "busy";

type Segment =
  | { kind: "batch"; batch: Batch; tickets: Map<string, Settle[]>; failures: number; bytes: number }
  | { kind: "control"; label: string; write: () => Promise<number>; tickets: Settle[] };

/** Options of {@link createWriteQueue}. */
export type WriteQueueOptions = {
  db: PrismaClient;
  now: () => number;
  log: (message: string) => void;
  /** Takes what is pending as a batch; `withProgress` also polls the rooms for progress. */
  takeBatch: (withProgress: boolean) => Batch;
  /** Durable rows waiting in the pending batch (not yet taken), for the backlog figure. */
  pendingRows: () => number;
  /** Their estimated bytes (backlog-bytes.ts), for the backlog's bound in memory. */
  pendingBytes?: () => number;
};

/** The queue's API. */
export type WriteQueue = ReturnType<typeof createWriteQueue>;

/** The writer's state as /api/health reports it (lib/http/health.ts holds its schema). */
export type { WriterStatus };

/**
 * Creates an empty queue; the writer feeds it and hands out tickets.
 *
 * @example
 * const queue = createWriteQueue({ db, now: Date.now, log, takeBatch, pendingRows: () => 0 });
 * const outcome = await queue.ticket("finish:run-1"); // settles when that row committed
 */
export function createWriteQueue(options: WriteQueueOptions) {
  const { db, now, log, takeBatch } = options;
  const segments: Segment[] = [];
  /** Tickets of rows still in the pending batch, by durable key. */
  const waiting = new Map<string, Settle[]>();
  let draining: Promise<void> | null = null;
  let isDrainScheduled = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failedAttempts = 0;
  let headSince = 0;
  let isDatabaseUp = true;
  let refusedRows = 0;

  function seal(batch: Batch): void {
    if (isEmptyBatch(batch)) return;
    const tickets = new Map<string, Settle[]>();
    for (const key of durableKeys(batch)) {
      const settles = waiting.get(key);
      if (!settles) continue;
      waiting.delete(key);
      tickets.set(key, settles);
    }
    if (segments.length === 0) headSince = now();
    segments.push({ kind: "batch", batch, tickets, failures: 0, bytes: batchBytes(batch) });
  }

  function settleAll(tickets: Map<string, Settle[]>, outcome: WriteOutcome): void {
    for (const settles of tickets.values()) for (const settle of settles) settle(outcome);
    tickets.clear();
  }

  async function probe(): Promise<boolean> {
    try {
      await db.$queryRaw`SELECT 1`;
      return true;
    } catch {
      return false;
    }
  }

  async function tryBatch(batch: Batch): Promise<unknown> {
    try {
      const { statements, rows } = await writeBatch(db, batch, new Date(now()));
      countWrite(statements, rows);
      return null;
    } catch (error) {
      return error ?? new Error("write failed");
    }
  }

  /** Writes a batch segment; "down" or "busy" when it must be retried (the unwritten rows stay in it). */
  async function writeSegment(segment: Extract<Segment, { kind: "batch" }>): Promise<Attempt> {
    const failure = await tryBatch(segment.batch);
    if (failure === null) {
      settleAll(segment.tickets, { ok: true });
      return "written";
    }
    if (!(await probe())) return "down";
    segment.failures++;
    if (isTransientError(failure) && segment.failures < SPLIT_AFTER_FAILURES) {
      log(`batch failed (${errorMessage(failure)}); retrying it whole`);
      return "busy";
    }
    const rows = splitBatch(segment.batch);
    log(`batch of ${rows.length} rows failed (${errorMessage(failure)}); writing it row by row`);
    for (const [index, row] of rows.entries()) {
      const rowFailure = await tryBatch(row);
      const keys = durableKeys(row);
      if (rowFailure !== null) {
        const isDown = !(await probe());
        if (isDown || isTransientError(rowFailure)) {
          segment.batch = mergeBatches(rows.slice(index));
          segment.bytes = batchBytes(segment.batch);
          return isDown ? "down" : "busy";
        }
        refusedRows++;
        log(`refused row ${keys[0] ?? describeRow(row)}: ${errorMessage(rowFailure)}`);
      }
      const outcome: WriteOutcome =
        rowFailure === null
          ? { ok: true }
          : { ok: false, error: { code: ERROR_CODE.invalidPayload, message: "The database refused to store this" } };
      for (const key of keys) {
        for (const settle of segment.tickets.get(key) ?? []) settle(outcome);
        segment.tickets.delete(key);
      }
    }
    // Rows refused with no durable key (progress, presence) have no sender waiting.
    settleAll(segment.tickets, { ok: true });
    return "written";
  }

  async function writeControl(segment: Extract<Segment, { kind: "control" }>): Promise<Attempt> {
    try {
      countWrite(1, await segment.write());
    } catch (error) {
      if (!(await probe())) return "down";
      if (isTransientError(error)) return "busy";
      refusedRows++;
      log(`refused control ${segment.label}: ${errorMessage(error)}`);
      for (const settle of segment.tickets)
        settle({ ok: false, error: { code: ERROR_CODE.internal, message: "The database refused this control" } });
      return "written";
    }
    for (const settle of segment.tickets) settle({ ok: true });
    return "written";
  }

  async function drainLoop(): Promise<void> {
    for (;;) {
      // Durable rows that arrived while the last write ran go out now, not on the next tick.
      if (segments.length === 0 && waiting.size > 0) seal(takeBatch(false));
      const head = segments[0];
      if (!head) return;
      const attempt = head.kind === "batch" ? await writeSegment(head) : await writeControl(head);
      isDatabaseUp = attempt !== "down";
      if (attempt !== "written") {
        failedAttempts++;
        scheduleRetry(attempt);
        return;
      }
      failedAttempts = 0;
      segments.shift();
      headSince = now();
    }
  }

  function scheduleRetry(attempt: Exclude<Attempt, "written">): void {
    if (retryTimer) return;
    const delay = doublingDelayMs(failedAttempts - 1, RETRY_MIN_MS, RETRY_MAX_MS);
    if (failedAttempts === 1 || failedAttempts % 10 === 0)
      log(
        `database ${attempt === "down" ? "unavailable" : "busy"}: ${backlog()} rows kept, retrying in ${delay} ms (attempt ${failedAttempts})`,
      );
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void drain();
    }, delay);
    retryTimer.unref?.();
  }

  /** Starts draining unless a drain (or a retry's wait) is under way; resolves when it stops. */
  function drain(): Promise<void> {
    if (retryTimer) return Promise.resolve();
    draining ??= drainLoop()
      .catch((error: unknown) => log(`writer failed: ${errorMessage(error)}`))
      .finally(() => {
        draining = null;
      });
    return draining;
  }

  /** Drains after this turn of the event loop, so rows arriving together share one batch. */
  function drainSoon(): void {
    if (isDrainScheduled) return;
    isDrainScheduled = true;
    setImmediate(() => {
      isDrainScheduled = false;
      void drain();
    });
  }

  function backlogBytes(): number {
    let bytes = options.pendingBytes?.() ?? 0;
    for (const segment of segments) bytes += segment.kind === "batch" ? segment.bytes : SMALL_ROW_BYTES;
    return bytes;
  }

  function backlog(): number {
    let rows = options.pendingRows();
    for (const segment of segments) rows += segment.kind === "batch" ? batchRows(segment.batch) : 1;
    return rows;
  }

  return {
    /** A promise that settles when the durable row `key`, now pending, committed or was refused. */
    ticket(key: string): Promise<WriteOutcome> {
      return new Promise<WriteOutcome>((resolve) => {
        const settles = waiting.get(key) ?? [];
        settles.push(resolve);
        waiting.set(key, settles);
        drainSoon();
      });
    },

    /** Seals `before` (what precedes the control), then queues the control's write. */
    control(label: string, before: Batch, write: () => Promise<number>): Promise<WriteOutcome> {
      seal(before);
      return new Promise<WriteOutcome>((resolve) => {
        if (segments.length === 0) headSince = now();
        segments.push({ kind: "control", label, write, tickets: [resolve] });
        drainSoon();
      });
    },

    /**
     * On the clock: seals the pending batch with progress when nothing is queued (a slow or
     * absent database skips ticks instead of piling batches up), then drains.
     */
    tick(): void {
      if (segments.length === 0 && !draining) seal(takeBatch(true));
      void drain();
    },

    /** Seals everything pending, progress included, and resolves when the queue is empty or stuck. */
    async flush(): Promise<void> {
      if (retryTimer) {
        clearTimeout(retryTimer);
        retryTimer = null;
      }
      await draining;
      seal(takeBatch(true));
      await drain();
    },

    /** Stops retrying (on shutdown, after a last flush). */
    stop(): void {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },

    status(): WriterStatus {
      return {
        isDatabaseUp,
        backlogRows: backlog(),
        backlogBytes: backlogBytes(),
        queuedWrites: segments.length,
        oldestWaitMs: segments.length > 0 ? Math.max(0, now() - headSince) : 0,
        failedAttempts,
        refusedRows,
      };
    },
  };
}

function describeRow(row: Batch): string {
  const kind = Object.entries(row).find(([, list]) => (list as unknown[]).length > 0)?.[0];
  return kind ?? "?";
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Prisma's messages run to many lines of context: the last line says what PostgreSQL said.
  return message.trim().split("\n").at(-1)?.slice(0, 300) ?? "";
}
