import type { CellResult } from "../../lib/protocol";
import type { PrismaClient } from "../db/client";

/** One cell's latest state for one participant, and the code if the student shared it. */
export type CellCheckRecord = { participantId: string; result: CellResult; code: string | undefined };

/**
 * Upserts a participant's chapter-cell state (attempts are counted by the room, so the latest
 * record wins). Code not shared this time keeps the stored code.
 *
 * @example
 * await recordCellCheck(db, { participantId, result, code: check.code });
 */
export async function recordCellCheck(db: PrismaClient, record: CellCheckRecord): Promise<void> {
  const { participantId, result, code } = record;
  const state = { isPassed: result.isPassed, attempts: result.attempts, lastError: result.lastError };
  await db.cellCheck.upsert({
    where: { participantId_cell: { participantId, cell: result.cell } },
    create: { participantId, cell: result.cell, code: code ?? "", ...state },
    update: { ...state, ...(code === undefined ? {} : { code }) },
  });
}
