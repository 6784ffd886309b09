/**
 * The batched writer's statements as raw multi-row SQL: run starts, progress, map snapshots,
 * aborts, last-seen marks and presence. Raw on purpose: through Prisma's model API each batch
 * went through its query compiler and argument builder (issue 13's profile at 1,000 students);
 * here every list is one `INSERT … VALUES` or `UPDATE … FROM (VALUES …)` with plain parameters,
 * the same rows and the same conflict rules as the model calls they replace.
 */
import { randomUUID } from "node:crypto";
import { Prisma } from "../db/client";
import type { PresenceEnd, PresenceOpen } from "./presence-tracker";
import type { MapSnapshotRow, RunCreate, RunProgress } from "./write-batch";

/**
 * Bind parameters per statement, kept well under PostgreSQL's 65,535: a long outage's merged
 * backlog is cut into several statements (still in the one transaction) instead of being refused.
 */
export const MAX_STATEMENT_PARAMETERS = 30_000;

/** `rows` cut into runs of at most `MAX_STATEMENT_PARAMETERS / parametersPerRow`. */
export function chunkRows<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_STATEMENT_PARAMETERS / parametersPerRow));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size));
  return chunks;
}

/** Parameters per row of each statement below (for {@link chunkRows}). */
export const PARAMETERS_PER_ROW = {
  runCreate: 8,
  progress: 5,
  snapshot: 5,
  presenceOpen: 4,
  presenceEnd: 2,
  id: 1,
} as const;

/** Runs that started: a finish that raced ahead may already have written the row (DO NOTHING). */
export function runCreateInsert(runs: readonly RunCreate[], at: Date): Prisma.Sql {
  const values = runs.map(
    (run) =>
      Prisma.sql`(${run.id}, ${run.participantId}, ${run.classId}, ${JSON.stringify(run.config)}::jsonb,
        ${new Date(run.startedAt)}::timestamp(3), ${run.lessonStep}::int, ${run.startRequestId},
        ${run.group ? JSON.stringify(run.group) : null}::jsonb)`,
  );
  return Prisma.sql`
    INSERT INTO "Run" ("id", "participantId", "classSessionId", "config", "startedAt", "lessonStep",
      "startRequestId", "group", "status", "updatedAt")
    SELECT v.*, 'TRAINING'::"RunStatus", ${at}::timestamp(3)
    FROM (VALUES ${Prisma.join(values)}) AS v
    ON CONFLICT ("id") DO NOTHING`;
}

/** One UPDATE … FROM (VALUES …) for every run's latest step, loss, accuracy and flags. */
export function progressUpdate(progress: readonly RunProgress[], at: Date): Prisma.Sql {
  const values = progress.map(
    (p) =>
      Prisma.sql`(${p.runId}::text, ${p.step}::int, ${p.loss}::float8, ${p.accuracy}::float8, ${JSON.stringify(p.flags)}::jsonb)`,
  );
  return Prisma.sql`
    UPDATE "Run" AS r
    SET "steps" = v.steps, "reportedLoss" = v.loss, "reportedAccuracy" = v.accuracy, "flags" = v.flags,
      "updatedAt" = ${at}
    FROM (VALUES ${Prisma.join(values)}) AS v(id, steps, loss, accuracy, flags)
    WHERE r."id" = v.id AND r."status" = 'TRAINING'`;
}

/** Map snapshots for the review's replay; ids are made here (the model's cuid default is Prisma's, not the table's). */
export function snapshotInsert(snapshots: readonly MapSnapshotRow[], createId: () => string = randomUUID): Prisma.Sql {
  const values = snapshots.map(
    // A view of the room's bytes, not a copy: the statement is built and sent in this batch.
    (s) =>
      Prisma.sql`(${createId()}, ${s.runId}, ${s.step}::int, ${s.loss}::float8, ${new Date(s.at)}::timestamp(3),
        ${Buffer.from(s.map.buffer, s.map.byteOffset, s.map.byteLength)}::bytea)`,
  );
  return Prisma.sql`
    INSERT INTO "MapSnapshot" ("id", "runId", "step", "loss", "at", "map")
    VALUES ${Prisma.join(values)}`;
}

/** Runs replaced or reset while training end as ABORTED; a run that finished meanwhile keeps its status. */
export function abortUpdate(runIds: readonly string[], at: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Run" SET "status" = 'ABORTED', "finishedAt" = ${at}, "updatedAt" = ${at}
    WHERE "id" IN (${Prisma.join(runIds)}) AND "status" = 'TRAINING'`;
}

/** Participants seen since the last flush. */
export function lastSeenUpdate(participantIds: readonly string[], at: Date): Prisma.Sql {
  return Prisma.sql`UPDATE "Participant" SET "lastSeenAt" = ${at} WHERE "id" IN (${Prisma.join(participantIds)})`;
}

/** Presence intervals opened since the last flush (a retried batch may meet its own rows: DO NOTHING). */
export function presenceOpenInsert(opens: readonly PresenceOpen[]): Prisma.Sql {
  const values = opens.map(
    (open) =>
      Prisma.sql`(${open.id}, ${open.participantId}, ${new Date(open.startedAt)}::timestamp(3), ${new Date(open.endedAt)}::timestamp(3))`,
  );
  return Prisma.sql`
    INSERT INTO "PresenceInterval" ("id", "participantId", "startedAt", "endedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("id") DO NOTHING`;
}

/** One UPDATE … FROM (VALUES …) for every interval's new end; an end never moves back. */
export function presenceEndUpdate(ends: readonly PresenceEnd[]): Prisma.Sql {
  const values = ends.map((end) => Prisma.sql`(${end.id}::text, ${new Date(end.endedAt)}::timestamp(3))`);
  return Prisma.sql`
    UPDATE "PresenceInterval" AS i
    SET "endedAt" = GREATEST(i."endedAt", v.ended)
    FROM (VALUES ${Prisma.join(values)}) AS v(id, ended)
    WHERE i."id" = v.id`;
}
