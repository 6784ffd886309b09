/**
 * Finished runs of a class that its open challenge has no verdict for: those whose replay was
 * still queued when the process stopped or lost the class to another. The room that opens the
 * class judges them again, so a durable finish never silently drops off the board.
 */

import { runConfigSchema } from "../../lib/classroom/settings";
import { PARTICIPANT_STATUS, RUN_OUTCOME } from "../../lib/classroom/status";
import { weightsSchema } from "../../lib/protocol";
import { pointEditsSchema } from "../../lib/training/point-edits";
import type { PrismaClient } from "../db/client";
import type { FinishedRun } from "../realtime/class-room";

/**
 * A class cannot have finished more runs in one interrupted stretch than its replay queue holds
 * (server/challenges/replay-queue.ts, 200); older ones beyond this stay unjudged rather than
 * flooding the queue at start-up.
 */
export const MAX_REJUDGED_RUNS = 200;

const STATUS_OF_ROW = {
  FINISHED: PARTICIPANT_STATUS.finished,
  REACHED_TARGET: PARTICIPANT_STATUS.reachedTarget,
  DIVERGED: PARTICIPANT_STATUS.diverged,
} as const;

/**
 * The class's runs finished since `since` with no entry for `challengeId`, oldest first, as the
 * records the judge takes (the curve and map are left out: the judge reads the weights).
 *
 * @example const runs = await loadUnjudgedRuns(db, classId, challenge.id, new Date(challenge.setAt));
 */
export async function loadUnjudgedRuns(
  db: PrismaClient,
  classId: string,
  challengeId: string,
  since: Date,
): Promise<FinishedRun[]> {
  const rows = await db.run.findMany({
    where: {
      classSessionId: classId,
      status: { in: ["FINISHED", "REACHED_TARGET", "DIVERGED"] },
      finishedAt: { gte: since },
      challengeEntries: { none: { challengeId } },
    },
    orderBy: { finishedAt: "asc" },
    take: MAX_REJUDGED_RUNS,
    select: {
      id: true,
      participantId: true,
      config: true,
      status: true,
      startedAt: true,
      finishedAt: true,
      steps: true,
      targetReachedStep: true,
      reportedLoss: true,
      reportedAccuracy: true,
      weights: true,
      lessonStep: true,
      edits: true,
    },
  });
  const runs: FinishedRun[] = [];
  for (const row of rows) {
    const config = runConfigSchema.safeParse(row.config);
    const status = STATUS_OF_ROW[row.status as keyof typeof STATUS_OF_ROW];
    // A stored row that no longer parses is judged by nobody: the judge would refuse it anyway.
    if (!config.success || !status || !row.finishedAt) continue;
    runs.push({
      classId,
      participantId: row.participantId,
      runId: row.id,
      config: config.data,
      status,
      startedAt: row.startedAt.getTime(),
      finishedAt: row.finishedAt.getTime(),
      targetReachedStep: row.targetReachedStep,
      lessonStep: row.lessonStep,
      edits: pointEditsSchema.safeParse(row.edits).data ?? [],
      group: null,
      finish: {
        runId: row.id,
        outcome: status === PARTICIPANT_STATUS.diverged ? RUN_OUTCOME.diverged : RUN_OUTCOME.completed,
        step: row.steps,
        loss: row.reportedLoss,
        accuracy: row.reportedAccuracy,
        curve: [],
        map: null,
        weights: weightsSchema.safeParse(row.weights).data ?? null,
      },
    });
  }
  return runs;
}
