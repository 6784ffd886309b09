/**
 * Stores a run's point-edit log (Run.edits) as it grows, so a student who reloads, or a server
 * that restarts, rebuilds the same run. The whole log each time (≤ 200 small edits): the latest
 * write wins and no edit is ever half-stored.
 */
import type { PointEdit } from "../../lib/training/point-edits";
import type { PrismaClient } from "../db/client";

/**
 * Writes the log of run `runId`; resolves with the rows written (1, or 0 for a run that is gone).
 *
 * @example await recordRunEdits(db, runId, room's log);
 */
export async function recordRunEdits(db: PrismaClient, runId: string, edits: readonly PointEdit[]): Promise<number> {
  return db.$executeRaw`UPDATE "Run" SET "edits" = ${JSON.stringify(edits)}::jsonb WHERE "id" = ${runId}`;
}
