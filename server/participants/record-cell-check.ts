import { randomUUID } from "node:crypto";
import type { CellResult } from "../../lib/protocol";
import { Prisma } from "../db/client";

/** One cell's latest state for one participant, and the code if the student shared it. */
export type CellCheckRecord = { participantId: string; result: CellResult; code: string | undefined };

/**
 * The statement that upserts a participant's chapter-cell state (attempts are counted by the
 * room, so the latest record wins). Code not shared this time keeps the stored code. Raw SQL, so
 * the batched writer sends it in its own transaction (server/persistence/sql-transaction.ts).
 *
 * @example
 * await db.$executeRaw(cellCheckUpsert({ participantId, result, code: check.code }, new Date()));
 */
export function cellCheckUpsert(record: CellCheckRecord, at: Date, createId: () => string = randomUUID): Prisma.Sql {
  const { participantId, result, code } = record;
  return Prisma.sql`
    INSERT INTO "CellCheck" AS c ("id", "participantId", "cell", "code", "isPassed", "attempts", "lastError", "updatedAt")
    VALUES (${createId()}, ${participantId}, ${result.cell}::int, ${code ?? ""}, ${result.isPassed}::boolean,
      ${result.attempts}::int, ${result.lastError}, ${at}::timestamp(3))
    ON CONFLICT ("participantId", "cell") DO UPDATE SET
      "isPassed" = EXCLUDED."isPassed", "attempts" = EXCLUDED."attempts", "lastError" = EXCLUDED."lastError",
      "updatedAt" = EXCLUDED."updatedAt",
      "code" = ${code === undefined ? Prisma.sql`c."code"` : Prisma.sql`EXCLUDED."code"`}`;
}
