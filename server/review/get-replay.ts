import { classMedian } from "../../lib/classroom/stats";
import { cutCurve, sampleCurve, stepGrid, toArrays } from "../../lib/curve";
import type { ReplayBounds, ReplayFrame, ReplayParticipant } from "../../lib/review/responses";
import { ALL_RUNS, type RunScope } from "../../lib/review/run-scope";
import type { PrismaClient } from "../db/client";
import { findOwnedSession } from "../sessions/find-owned-session";
import { parseStoredCurve } from "./stored-curve";

/**
 * Points per curve in a replay frame, on one step grid shared by the class: 300 students × 120
 * values is ~200 kB of JSON per scrub, and 120 points already show a plateau and the drop.
 */
export const REPLAY_GRID_POINTS = 120;
/** Significant digits of a replayed loss: a chart cannot show more, and 300 × 120 values shrink ~3×. */
export const REPLAY_LOSS_DIGITS = 4;

/** A loss rounded for the replay's JSON. */
export const roundLoss = (loss: number) => Number(loss.toPrecision(REPLAY_LOSS_DIGITS));

/** Stored statuses of a run that went to its end (ABORTED was stopped early: it holds nothing). */
const ENDED_RUN_STATUSES: ReadonlySet<ReplayParticipant["status"]> = new Set([
  "FINISHED",
  "REACHED_TARGET",
  "DIVERGED",
]);

type ReplayRow = {
  runId: string;
  participantId: string;
  nickname: string;
  dataset: string | null;
  status: ReplayParticipant["status"];
  finishedAt: Date | null;
  steps: number;
  reportedLoss: number | null;
  curve: unknown;
  finalMap: Uint8Array | null;
  snapshotStep: number | null;
  snapshotLoss: number | null;
  snapshotMap: Uint8Array | null;
};

/**
 * The class as it was at `at` (default: the end of the timeline): per student present then, the
 * latest run started by then, its latest map snapshot at or before `at` and its stored curve cut
 * at that snapshot's step; a run already finished shows its final map and whole curve. One query
 * for the whole class (DISTINCT ON for each student's run, a LATERAL lookup on the snapshot index
 * for its map), so a 300-student frame costs one round trip. With `dataset`, only runs on that
 * dataset count (a class that changed dataset is replayed one dataset at a time). Null unless
 * the teacher owns it. `scope.step` likewise keeps one lesson step's runs.
 *
 * @example const frame = await getReplay(db, teacher.id, sessionId, new Date("2026-11-30T10:15:00Z"));
 */
export async function getReplay(
  db: PrismaClient,
  teacherId: string,
  sessionId: string,
  at?: Date,
  { dataset, step }: RunScope = ALL_RUNS,
): Promise<ReplayFrame | null> {
  const session = await findOwnedSession(db, teacherId, sessionId);
  if (!session) return null;
  const bounds = await getReplayBounds(db, session.id);
  if (!bounds) return { bounds, at: (at ?? new Date()).toISOString(), steps: [0], participants: [], median: [null] };
  const end = new Date(bounds.end);
  const start = new Date(bounds.start);
  const moment = !at || at > end ? end : at < start ? start : at;
  const rows = await db.$queryRaw<ReplayRow[]>`
    SELECT a.id AS "runId", a."participantId", p.nickname, a.config->>'dataset' AS dataset,
           a.status::text AS status, a."finishedAt", a.steps,
           a."reportedLoss", a.curve, a."finalMap",
           s.step AS "snapshotStep", s.loss AS "snapshotLoss", s.map AS "snapshotMap"
    FROM (
      SELECT DISTINCT ON (r."participantId") r.id, r."participantId", r.status, r."finishedAt", r.steps,
             r."reportedLoss", r.curve, r."finalMap", r."startedAt", r.config
      FROM "Run" r
      WHERE r."classSessionId" = ${session.id} AND r."startedAt" <= ${moment}
        AND (${dataset}::text IS NULL OR r.config->>'dataset' = ${dataset}::text)
        AND (${step}::int IS NULL OR r."lessonStep" = ${step}::int)
      ORDER BY r."participantId", r."startedAt" DESC
    ) a
    JOIN "Participant" p ON p.id = a."participantId" AND (p."removedAt" IS NULL OR p."removedAt" > ${moment})
    LEFT JOIN LATERAL (
      SELECT m.step, m.loss, m.map FROM "MapSnapshot" m
      WHERE m."runId" = a.id AND m.at <= ${moment}
      ORDER BY m.at DESC LIMIT 1
    ) s ON true
    ORDER BY p."joinedAt", p.nickname`;
  return buildFrame(bounds, moment, rows);
}

/** First run start to the last run activity; null for a class that never trained. */
export async function getReplayBounds(db: PrismaClient, classSessionId: string): Promise<ReplayBounds | null> {
  const aggregate = await db.run.aggregate({
    where: { classSessionId },
    _min: { startedAt: true },
    _max: { updatedAt: true, finishedAt: true },
  });
  const start = aggregate._min.startedAt;
  if (!start) return null;
  const lastTimes = [aggregate._max.updatedAt, aggregate._max.finishedAt].flatMap((date) =>
    date ? [date.getTime()] : [],
  );
  const end = new Date(Math.max(start.getTime(), ...lastTimes));
  return { start: start.toISOString(), end: end.toISOString() };
}

function buildFrame(bounds: ReplayBounds, moment: Date, rows: readonly ReplayRow[]): ReplayFrame {
  const states = rows.map((row) => {
    const isFinished = row.finishedAt !== null && row.finishedAt <= moment && row.status !== "TRAINING";
    const curve = parseStoredCurve(typeof row.curve === "string" ? safeJson(row.curve) : row.curve);
    const step = isFinished ? row.steps : (row.snapshotStep ?? 0);
    const finalMap = isFinished ? (row.finalMap ?? row.snapshotMap) : row.snapshotMap;
    return {
      row,
      curve: isFinished ? curve : cutCurve(curve, step),
      step,
      status: isFinished ? row.status : ("TRAINING" as const),
      loss: isFinished ? row.reportedLoss : row.snapshotLoss,
      map: finalMap ? Buffer.from(finalMap).toString("base64") : null,
    };
  });
  const maxStep = Math.max(0, ...states.map((state) => state.curve.at(-1)?.[0] ?? 0));
  const steps = stepGrid(maxStep, REPLAY_GRID_POINTS);
  const participants = states.map((state) => ({
    participantId: state.row.participantId,
    nickname: state.row.nickname,
    runId: state.row.runId,
    dataset: state.row.dataset ?? "?",
    status: state.status,
    step: state.step,
    loss: state.loss,
    map: state.map,
    values: sampleCurve(toArrays(state.curve), steps).map((value) => (value === null ? null : roundLoss(value))),
  }));
  // A run that ended by then holds its final loss in the median past its end (a stopped run does not).
  const median = classMedian(
    participants.map((participant, i) => ({
      values: participant.values,
      heldLoss: ENDED_RUN_STATUSES.has(participant.status) ? (states[i]?.curve.at(-1)?.[1] ?? null) : null,
    })),
    steps.length,
  );
  return { bounds, at: moment.toISOString(), steps, participants, median };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
