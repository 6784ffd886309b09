/**
 * Stores finished runs: the reliable run:finish report (whole curve, final map and weights) and
 * the server's own verification of the weights. One raw INSERT … ON CONFLICT for any number of
 * finishes, so the finish lands even if the batched create of the same run was lost.
 *
 * Raw SQL on purpose: through Prisma's argument builder a 1,000-point curve cost ~40 % of the
 * main thread at 300 students (issue 13's profile); here the curve, the weights and the config
 * travel as one JSON text parameter each.
 */
import { PARTICIPANT_STATUS } from "../../lib/classroom/status";
import { Prisma, RunStatus } from "../db/client";
import type { FinishedRun } from "../realtime/class-room";
import { verifyRun } from "./verify-run";

const STATUS_BY_OUTCOME = {
  [PARTICIPANT_STATUS.finished]: RunStatus.FINISHED,
  [PARTICIPANT_STATUS.reachedTarget]: RunStatus.REACHED_TARGET,
  [PARTICIPANT_STATUS.diverged]: RunStatus.DIVERGED,
} as const;

/** Bind parameters per finished run in {@link runFinishUpsert} (the writer chunks by it). */
export const FINISH_PARAMETERS_PER_ROW = 21;

/**
 * The statement that writes `records` with reported and verified loss and accuracy; the batched
 * writer sends it in its transaction (server/persistence/sql-transaction.ts).
 *
 * @example
 * await db.$executeRaw(runFinishUpsert([record], new Date()));
 */
export function runFinishUpsert(records: readonly FinishedRun[], at: Date): Prisma.Sql {
  if (records.length === 0) throw new Error("runFinishUpsert needs at least one record");
  return Prisma.sql`
    INSERT INTO "Run" AS r ("id", "participantId", "classSessionId", "config", "status", "startedAt", "updatedAt",
      "finishedAt", "steps", "targetReachedStep", "reportedLoss", "reportedAccuracy", "verifiedLoss",
      "verifiedAccuracy", "curve", "finalMap", "weights", "lessonStep", "edits", "group", "flags")
    VALUES ${Prisma.join(records.map((record) => finishValues(record, at)))}
    ON CONFLICT ("id") DO UPDATE SET
      "status" = EXCLUDED."status", "updatedAt" = EXCLUDED."updatedAt", "finishedAt" = EXCLUDED."finishedAt",
      "steps" = EXCLUDED."steps", "targetReachedStep" = EXCLUDED."targetReachedStep",
      "reportedLoss" = EXCLUDED."reportedLoss", "reportedAccuracy" = EXCLUDED."reportedAccuracy",
      "verifiedLoss" = EXCLUDED."verifiedLoss", "verifiedAccuracy" = EXCLUDED."verifiedAccuracy",
      "curve" = EXCLUDED."curve", "finalMap" = EXCLUDED."finalMap", "edits" = EXCLUDED."edits",
      "flags" = EXCLUDED."flags",
      -- A finish without weights keeps any stored earlier.
      "weights" = COALESCE(EXCLUDED."weights", r."weights")`;
}

function finishValues(record: FinishedRun, at: Date): Prisma.Sql {
  const { finish } = record;
  // The room scored it as it finished; a record from elsewhere (a test, an old caller) is scored here.
  const verified =
    record.verified !== undefined
      ? record.verified
      : finish.weights
        ? verifyRun(record.config, finish.weights, record.edits)
        : null;
  const weights = finish.weights ? JSON.stringify(finish.weights) : null;
  // A view of the map's bytes, not a copy: the statement is sent in this batch.
  const map = finish.map ? Buffer.from(finish.map.buffer, finish.map.byteOffset, finish.map.byteLength) : null;
  return Prisma.sql`(${record.runId}, ${record.participantId}, ${record.classId}, ${JSON.stringify(record.config)}::jsonb,
    ${STATUS_BY_OUTCOME[record.status]}::"RunStatus", ${new Date(record.startedAt)}::timestamp(3), ${at}::timestamp(3),
    ${new Date(record.finishedAt)}::timestamp(3), ${finish.step}::int, ${record.targetReachedStep}::int,
    ${finish.loss}::float8, ${finish.accuracy}::float8, ${verified?.loss ?? null}::float8,
    ${verified?.accuracy ?? null}::float8, ${JSON.stringify(finish.curve)}::jsonb, ${map}::bytea, ${weights}::jsonb,
    ${record.lessonStep}::int, ${JSON.stringify(record.edits)}::jsonb,
    ${record.group ? JSON.stringify(record.group) : null}::jsonb, ${JSON.stringify(record.flags ?? [])}::jsonb)`;
}
