import type { CellResult } from "../../lib/protocol";
import type { Prisma, PrismaClient } from "../db/client";

/** One cell's latest state for one participant, and the code if the student shared it. */
export type CellCheckRecord = { participantId: string; result: CellResult; code: string | undefined };

/**
 * Upserts a participant's chapter-cell state (attempts are counted by the room, so the latest
 * record wins). Code not shared this time keeps the stored code. Returns the unsent statement, so
 * the batched writer can put it in its transaction; `await` it to run it alone.
 *
 * @example
 * await recordCellCheck(db, { participantId, result, code: check.code });
 */
export function recordCellCheck(db: PrismaClient, record: CellCheckRecord): Prisma.PrismaPromise<unknown> {
  const { participantId, result, code } = record;
  const state = { isPassed: result.isPassed, attempts: result.attempts, lastError: result.lastError };
  return db.cellCheck.upsert({
    where: { participantId_cell: { participantId, cell: result.cell } },
    create: { participantId, cell: result.cell, code: code ?? "", ...state },
    update: { ...state, ...(code === undefined ? {} : { code }) },
    select: { id: true },
  });
}
