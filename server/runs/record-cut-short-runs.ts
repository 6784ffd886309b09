import type { LossPoint } from "../../lib/protocol";
import { type PrismaClient, RunStatus } from "../db/client";

/** A run a control cut short, as the room last knew it: its curve and map are worth keeping for review. */
export type CutShortRun = {
  runId: string;
  step: number;
  loss: number | null;
  accuracy: number | null;
  curve: LossPoint[];
  map: Uint8Array | null;
};

/**
 * Stores runs a reset, a removal, new settings or the end cut short: ABORTED with their last
 * step, figures, curve and map, so the review shows a stopped run with the curve it had. Only
 * runs still training in the class: a finish that landed first is not overwritten. Returns the
 * rows written.
 *
 * @example await recordCutShortRuns(db, classId, effect.cutShortRuns, new Date());
 */
export async function recordCutShortRuns(
  db: PrismaClient,
  classId: string,
  runs: readonly CutShortRun[],
  at: Date,
): Promise<number> {
  if (runs.length === 0) return 0;
  const results = await db.$transaction(
    runs.map((run) =>
      db.run.updateMany({
        where: { id: run.runId, classSessionId: classId, status: RunStatus.TRAINING },
        data: {
          status: RunStatus.ABORTED,
          finishedAt: at,
          steps: run.step,
          reportedLoss: run.loss,
          reportedAccuracy: run.accuracy,
          curve: run.curve,
          finalMap: run.map ? new Uint8Array(run.map) : null,
        },
      }),
    ),
  );
  return results.reduce((sum, result) => sum + result.count, 0);
}
