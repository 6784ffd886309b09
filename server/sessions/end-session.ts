import type { LossPoint } from "../../lib/protocol";
import { ClassStatus, type PrismaClient, RunStatus } from "../db/client";
import { abortRuns } from "../runs/abort-runs";

/** A run the end cut short, as the room last knew it: its curve and map are worth keeping for review. */
export type CutShortRun = {
  runId: string;
  step: number;
  loss: number | null;
  accuracy: number | null;
  curve: LossPoint[];
  map: Uint8Array | null;
};

/**
 * Ends a class for good: ENDED with its end time, joining closed, runs still training aborted
 * with their last known curve, figures and map. Student tokens of an ended class no longer
 * connect. Returns the rows written.
 *
 * @example
 * await endSession(db, { classId, abortedRunIds, cutShortRuns: room.runSnapshots(new Set(abortedRunIds)), at: new Date() });
 */
export async function endSession(
  db: PrismaClient,
  input: { classId: string; abortedRunIds: readonly string[]; cutShortRuns: readonly CutShortRun[]; at: Date },
): Promise<number> {
  const { classId, abortedRunIds, cutShortRuns, at } = input;
  const results = await db.$transaction([
    db.classSession.update({
      where: { id: classId },
      data: { status: ClassStatus.ENDED, endedAt: at, isJoinOpen: false },
    }),
    ...cutShortRuns.map((run) =>
      db.run.updateMany({
        // Scoped by class and still training: a finish that landed first is not overwritten.
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
  ]);
  const cutShortCount = results.slice(1).reduce((sum, result) => sum + ("count" in result ? result.count : 0), 0);
  // Runs the room no longer had a curve for are still closed, without one.
  return 1 + cutShortCount + (await abortRuns(db, abortedRunIds, at));
}
