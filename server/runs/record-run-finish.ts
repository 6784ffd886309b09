/**
 * Stores a finished run at once: the reliable run:finish report (whole curve, final map and
 * weights) and the server's own verification of the weights. An upsert, so the finish lands even
 * if the batched create of the same run was lost.
 */
import { PARTICIPANT_STATUS } from "../../lib/classroom/status";
import { type Prisma, type PrismaClient, RunStatus } from "../db/client";
import type { FinishedRun } from "../realtime/class-room";
import { verifyRun } from "./verify-run";

const STATUS_BY_OUTCOME = {
  [PARTICIPANT_STATUS.finished]: RunStatus.FINISHED,
  [PARTICIPANT_STATUS.reachedTarget]: RunStatus.REACHED_TARGET,
  [PARTICIPANT_STATUS.diverged]: RunStatus.DIVERGED,
} as const;

/**
 * Writes the finished run with reported and verified loss and accuracy.
 *
 * @example
 * hooks.onRunFinished = (record) => void recordRunFinish(db, record);
 */
export async function recordRunFinish(db: PrismaClient, record: FinishedRun): Promise<void> {
  const { finish } = record;
  const verified = finish.weights ? verifyRun(record.config, finish.weights) : null;
  const data = {
    status: STATUS_BY_OUTCOME[record.status],
    finishedAt: new Date(record.finishedAt),
    steps: finish.step,
    targetReachedStep: record.targetReachedStep,
    reportedLoss: finish.loss,
    reportedAccuracy: finish.accuracy,
    verifiedLoss: verified?.loss ?? null,
    verifiedAccuracy: verified?.accuracy ?? null,
    curve: finish.curve,
    finalMap: finish.map ? new Uint8Array(finish.map) : null,
    weights: (finish.weights ?? undefined) as Prisma.InputJsonValue | undefined,
  } satisfies Prisma.RunUpdateInput;
  await db.run.upsert({
    where: { id: record.runId },
    create: {
      id: record.runId,
      participantId: record.participantId,
      classSessionId: record.classId,
      config: record.config,
      startedAt: new Date(record.startedAt),
      lessonStep: record.lessonStep,
      ...data,
    },
    update: data,
  });
}
