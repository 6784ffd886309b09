import { z } from "zod";
import { isId } from "@/lib/protocol";
import { storableString } from "@/lib/storable-string";
import type { Prisma, PrismaClient } from "../db/client";
import { pythonLoadNote } from "./python-note";

const storedWeightsSchema = z.object({
  w1: z.array(z.array(z.number())),
  b1: z.array(z.number()),
  w2: z.array(z.array(z.number())),
  b2: z.array(z.number()),
  activation: storableString(),
});
const storedConfigSchema = z
  .object({ dataset: storableString(), noise: z.number(), dataSeed: z.number(), hidden: z.number() })
  .loose();

export type RunWeightsExport = z.infer<typeof storedWeightsSchema> & {
  dataset: string;
  noise: number;
  dataSeed: number;
  hidden: number;
  nickname: string;
  runId: string;
  note: string;
};

/** A run's trained weights in the chapter's shape, with how to load them in Python; null when not the teacher's or no weights. */
export async function exportRunWeights(
  db: PrismaClient,
  teacherId: string,
  sessionId: string,
  runId: string,
): Promise<RunWeightsExport | null> {
  // Ids come from the URL: one PostgreSQL cannot store (NUL) would fail the query, not miss.
  if (!isId(sessionId) || !isId(runId)) return null;
  return loadRunWeights(db, { id: runId, classSessionId: sessionId, classSession: { teacherId } });
}

/**
 * The weights export of the one run `where` selects (the teacher's export scopes it by owner, the
 * student's take-away by token), or null when there is none or it has no weights.
 */
export async function loadRunWeights(db: PrismaClient, where: Prisma.RunWhereInput): Promise<RunWeightsExport | null> {
  const run = await db.run.findFirst({
    where,
    select: { id: true, config: true, weights: true, participant: { select: { nickname: true } } },
  });
  const weights = storedWeightsSchema.safeParse(run?.weights);
  const config = storedConfigSchema.safeParse(run?.config);
  if (!run || !weights.success || !config.success) return null;
  return {
    runId: run.id,
    nickname: run.participant.nickname,
    dataset: config.data.dataset,
    noise: config.data.noise,
    dataSeed: config.data.dataSeed,
    hidden: config.data.hidden,
    ...weights.data,
    note: pythonLoadNote(weights.data.activation),
  };
}
