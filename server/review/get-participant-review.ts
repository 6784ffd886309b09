import { sampleCurve, stepGrid, toArrays } from "../../lib/curve";
import { isId, weightsSchema } from "../../lib/protocol";
import type { ParticipantReview } from "../../lib/review/responses";
import { ALL_RUNS, isInScope, type RunScope } from "../../lib/review/run-scope";
import { pointEditsSchema } from "../../lib/training/point-edits";
import type { Prisma, PrismaClient } from "../db/client";
import { loadRunRows, RUN_FIGURES_SELECT } from "./get-session-review";
import { judgeRun } from "./judge-run";
import { parseStoredCurve } from "./stored-curve";

/** Points per run on the detail chart's shared step grid: finer than a 600 px chart can show. */
export const DETAIL_GRID_POINTS = 400;

/**
 * One student's detail for the review: every run in `scope` (a dataset, a lesson step) with its final map,
 * figures and the server's judgement, their stored curves (≤ 1,000 points each) resampled on one
 * step grid, and the cells' final code. Read on demand (one student at a time) so the review page itself
 * stays small. Null unless `teacherId` owns the session and the participant is in it.
 *
 * @example const detail = await getParticipantReview(db, teacher.id, sessionId, participantId);
 */
export async function getParticipantReview(
  db: PrismaClient,
  teacherId: string,
  sessionId: string,
  participantId: string,
  scope: RunScope = ALL_RUNS,
): Promise<ParticipantReview | null> {
  if (!isId(sessionId) || !isId(participantId)) return null;
  return loadParticipantDetail(
    db,
    { id: participantId, classSessionId: sessionId, classSession: { teacherId } },
    scope,
  );
}

/**
 * The detail of the one participant `where` selects (the teacher's review scopes it by owner, the
 * student's take-away by token), or null; `scope` keeps only its runs. `where` must
 * match at most one participant.
 */
export async function loadParticipantDetail(
  db: PrismaClient,
  where: Prisma.ParticipantWhereInput,
  scope: RunScope = ALL_RUNS,
): Promise<ParticipantReview | null> {
  const participant = await db.participant.findFirst({
    where,
    select: {
      id: true,
      nickname: true,
      cells: {
        orderBy: { cell: "asc" },
        select: { cell: true, isPassed: true, attempts: true, code: true, lastError: true },
      },
      runs: {
        orderBy: { startedAt: "asc" },
        select: { ...RUN_FIGURES_SELECT, curve: true, finalMap: true, weights: true },
      },
    },
  });
  if (!participant) return null;
  const allRuns = loadRunRows(participant.runs);
  const runs = allRuns.filter((run) => isInScope(run, scope));
  const curves = runs.map((run) => parseStoredCurve(run.stored.curve));
  const steps = stepGrid(Math.max(0, ...curves.map((curve) => curve.at(-1)?.[0] ?? 0)), DETAIL_GRID_POINTS);
  return {
    chart: { steps, values: curves.map((curve) => sampleCurve(toArrays(curve), steps)) },
    participantId: participant.id,
    nickname: participant.nickname,
    dataset: scope.dataset,
    step: scope.step,
    otherRuns: allRuns.length - runs.length,
    cells: participant.cells,
    runs: runs.map(({ stored, ...row }) => {
      const { config: _slice, initialLoss: _initial, loss: _loss, accuracy: _accuracy, ...judged } = judgeRun(row);
      return {
        ...judged,
        config: isRecord(stored.config) ? stored.config : {},
        dataset: row.config.dataset,
        startedAt: row.startedAt.toISOString(),
        finishedAt: row.finishedAt?.toISOString() ?? null,
        finalMap: stored.finalMap ? Buffer.from(stored.finalMap).toString("base64") : null,
        hasWeights: stored.weights !== null,
        // Stored as sent (validated then); a row that no longer parses shows no network, not an error.
        weights: weightsSchema.safeParse(stored.weights).data ?? null,
        edits: pointEditsSchema.safeParse(stored.edits).data ?? [],
        group: row.group ?? null,
      };
    }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
