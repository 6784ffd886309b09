import type { LossPoint } from "../../lib/protocol";
import { Prisma, type PrismaClient } from "../db/client";

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
  // One raw UPDATE … FROM (VALUES …): a reset of 300 students is one statement, and each curve is
  // one JSON text parameter instead of 1,000 points through Prisma's argument builder.
  const values = runs.map(
    (run) =>
      Prisma.sql`(${run.runId}::text, ${run.step}::int, ${run.loss}::float8, ${run.accuracy}::float8,
        ${JSON.stringify(run.curve)}::jsonb, ${run.map ? Buffer.from(run.map) : null}::bytea)`,
  );
  return db.$executeRaw`
    UPDATE "Run" AS r
    SET "status" = 'ABORTED', "finishedAt" = ${at}::timestamp(3), "updatedAt" = ${at}::timestamp(3),
      "steps" = v.steps, "reportedLoss" = v.loss, "reportedAccuracy" = v.accuracy, "curve" = v.curve,
      "finalMap" = v.map
    FROM (VALUES ${Prisma.join(values)}) AS v(id, steps, loss, accuracy, curve, map)
    WHERE r."id" = v.id AND r."classSessionId" = ${classId} AND r."status" = 'TRAINING'`;
}
