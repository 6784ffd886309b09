import { type PrismaClient, RunStatus } from "../db/client";

/**
 * Marks runs that were still training as ABORTED (a reset, a removal, the end of the session, or
 * a newer run replaced them). Finished runs are left alone: their report already landed.
 * Returns the number of rows changed.
 */
export async function abortRuns(db: PrismaClient, runIds: readonly string[], at: Date): Promise<number> {
  if (runIds.length === 0) return 0;
  const { count } = await db.run.updateMany({
    where: { id: { in: [...runIds] }, status: RunStatus.TRAINING },
    data: { status: RunStatus.ABORTED, finishedAt: at },
  });
  return count;
}
