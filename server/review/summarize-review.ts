/**
 * The review's figures, computed from stored rows: pure functions, so the numbers the page shows
 * are the numbers the tests check. Every figure is per dataset: a class that moved from XOR to
 * circles is reviewed one dataset at a time, never mixed. Only verified figures decide "reached".
 */
import type { RunGroup } from "../../lib/classroom/groups";
import { median } from "../../lib/classroom/stats";
import type { ReviewSummary } from "../../lib/review/summary";
import { bestRun, type JudgedRun, judgeRun, type ReviewRunRow } from "./judge-run";
import { type PresenceSpan, timeInClassMs } from "./time-in-class";

export type { JudgedRun, ReviewRunRow, RunOutcome } from "./judge-run";

/** A stored participant with their runs, cells and presence. */
export type ReviewParticipantRow = {
  id: string;
  nickname: string;
  joinedAt: Date;
  lastSeenAt: Date;
  removedAt: Date | null;
  runs: ReviewRunRow[];
  cells: { cell: number; isPassed: boolean; attempts: number }[];
  presence: PresenceSpan[];
};

/** One student on one dataset: their runs there and the best of them. */
export type ParticipantSummary = {
  participantId: string;
  nickname: string;
  /** The dataset these runs trained on; null for a student with no run at all. */
  dataset: string | null;
  runCount: number;
  best: JudgedRun | null;
  cellsPassed: number[];
  timeSpentMs: number;
  isRemoved: boolean;
};

/** A run on the "what worked" chart: its config against its verified final loss. */
export type ScatterPoint = {
  runId: string;
  hidden: number;
  lr: number;
  loss: number;
  isReachedTarget: boolean;
  /** The group experiment's group it was trained in; null outside one. */
  group: RunGroup | null;
};

/** A dataset the class trained on, with how much. */
export type DatasetUse = { dataset: string; runs: number; students: number };

/** When the session ended, for cutting presence; null while live. */
export type SessionTimes = { endedAt: Date | null };

const runsOn = (participant: ReviewParticipantRow, dataset: string | null) =>
  dataset === null ? participant.runs : participant.runs.filter((run) => run.config.dataset === dataset);

/** The datasets in the order the class first trained on them. */
export function datasetsUsed(participants: readonly ReviewParticipantRow[]): DatasetUse[] {
  const uses = new Map<string, { firstAt: number; runs: number; students: Set<string> }>();
  for (const participant of participants) {
    for (const run of participant.runs) {
      const use = uses.get(run.config.dataset) ?? { firstAt: run.startedAt.getTime(), runs: 0, students: new Set() };
      use.firstAt = Math.min(use.firstAt, run.startedAt.getTime());
      use.runs += 1;
      use.students.add(participant.id);
      uses.set(run.config.dataset, use);
    }
  }
  return [...uses.entries()]
    .sort((a, b) => a[1].firstAt - b[1].firstAt)
    .map(([dataset, use]) => ({ dataset, runs: use.runs, students: use.students.size }));
}

/**
 * The dataset to show: the requested one if the class used it, else the session's current one if
 * it has runs, else the most trained; null when nobody trained.
 */
export function chooseDataset(used: readonly DatasetUse[], requested: string | null, current: string): string | null {
  if (requested !== null && used.some((use) => use.dataset === requested)) return requested;
  if (used.some((use) => use.dataset === current)) return current;
  return [...used].sort((a, b) => b.runs - a.runs)[0]?.dataset ?? null;
}

/** A student's row on `dataset` (null: all their runs, e.g. a student with none). */
export function summarizeParticipant(
  participant: ReviewParticipantRow,
  dataset: string | null,
  session: SessionTimes,
): ParticipantSummary {
  const runs = runsOn(participant, dataset).map(judgeRun);
  return {
    participantId: participant.id,
    nickname: participant.nickname,
    dataset: runs.length > 0 ? dataset : null,
    runCount: runs.length,
    best: bestRun(runs),
    cellsPassed: participant.cells
      .filter((cell) => cell.isPassed)
      .map((cell) => cell.cell)
      .sort(),
    timeSpentMs: timeInClassMs(participant.presence, {
      sessionEndedAt: session.endedAt,
      removedAt: participant.removedAt,
      joinedAt: participant.joinedAt,
      lastSeenAt: participant.lastSeenAt,
    }),
    isRemoved: participant.removedAt !== null,
  };
}

/**
 * Class figures on one dataset: students who ever joined and who trained on it, its runs,
 * students whose run reached the target by the server's verification, the median of each
 * student's best final loss, the median of the first step they reported at the target, runs
 * flagged by verification; per cell, students who passed it (cells do not depend on the dataset).
 */
export function summarizeClass(participants: readonly ReviewParticipantRow[], dataset: string | null): ReviewSummary {
  const bestLosses: number[] = [];
  const stepsToTarget: number[] = [];
  let runs = 0;
  let studentsTrained = 0;
  let studentsReachedTarget = 0;
  let flaggedRuns = 0;
  const cellsPassed: Record<1 | 2 | 3, number> = { 1: 0, 2: 0, 3: 0 };
  for (const participant of participants) {
    const judged = runsOn(participant, dataset).map(judgeRun);
    runs += judged.length;
    if (judged.length > 0) studentsTrained += 1;
    flaggedRuns += judged.filter((run) => run.verification.verdict === "mismatch").length;
    const best = bestRun(judged);
    if (best?.loss != null && Number.isFinite(best.loss)) bestLosses.push(best.loss);
    const firstAtTarget = judged.find((run) => run.verification.isReachedTarget);
    if (firstAtTarget) {
      studentsReachedTarget += 1;
      stepsToTarget.push(firstAtTarget.targetReachedStep ?? firstAtTarget.steps);
    }
    for (const cell of participant.cells) {
      if (cell.isPassed && (cell.cell === 1 || cell.cell === 2 || cell.cell === 3)) cellsPassed[cell.cell] += 1;
    }
  }
  return {
    dataset,
    students: participants.length,
    studentsTrained,
    runs,
    studentsReachedTarget,
    medianFinalLoss: median(bestLosses),
    medianStepsToTarget: median(stepsToTarget),
    flaggedRuns,
    cellsPassed,
  };
}

/** "What worked" on one dataset: every run the server scored, by hidden size and learning rate. */
export function scatterPoints(participants: readonly ReviewParticipantRow[], dataset: string | null): ScatterPoint[] {
  const points: ScatterPoint[] = [];
  for (const participant of participants) {
    for (const run of runsOn(participant, dataset).map(judgeRun)) {
      if (run.verification.verdict === "unverified" || run.loss === null || !Number.isFinite(run.loss)) continue;
      points.push({
        runId: run.id,
        hidden: run.config.hidden,
        lr: run.config.lr,
        loss: run.loss,
        isReachedTarget: run.verification.isReachedTarget,
        group: run.group ?? null,
      });
    }
  }
  return points;
}
