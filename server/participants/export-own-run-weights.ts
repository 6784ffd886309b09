import { hashToken } from "../auth/tokens";
import type { PrismaClient } from "../db/client";
import { loadRunWeights, type RunWeightsExport } from "../review/export-run-weights";

/**
 * One of the student's own runs' weights in the chapter's shape, with the Python note — the same
 * file the teacher's export gives. Null unless the run belongs to the (not removed) participant
 * whose token this is and has weights.
 *
 * @example const weights = await exportOwnRunWeights(db, token, runId);
 */
export async function exportOwnRunWeights(
  db: PrismaClient,
  token: string,
  runId: string,
): Promise<RunWeightsExport | null> {
  return loadRunWeights(db, { id: runId, participant: { tokenHash: hashToken(token), removedAt: null } });
}
