import { median } from "@/lib/classroom";

/**
 * The review's figures, computed from stored rows: a pure function, so the numbers the page shows
 * are the numbers the tests check.
 */

/** A reported and a server-verified loss further apart than this are flagged (same arithmetic, same data: they agree to ~1e-12 for an honest client). */
export const VERIFY_TOLERANCE = 1e-6;

export type ReviewRunRow = {
  id: string;
  status: "TRAINING" | "FINISHED" | "REACHED_TARGET" | "DIVERGED" | "ABORTED";
  config: { hidden: number; lr: number; activation: string; optimizer: string; steps: number };
  steps: number;
  targetReachedStep: number | null;
  reportedLoss: number | null;
  reportedAccuracy: number | null;
  verifiedLoss: number | null;
  verifiedAccuracy: number | null;
  startedAt: Date;
  finishedAt: Date | null;
};

export type ReviewParticipantRow = {
  id: string;
  nickname: string;
  joinedAt: Date;
  lastSeenAt: Date;
  removedAt: Date | null;
  runs: ReviewRunRow[];
  cells: { cell: number; isPassed: boolean; attempts: number }[];
};

export type ParticipantSummary = {
  participantId: string;
  nickname: string;
  runCount: number;
  best: (ReviewRunRow & { isVerifiedMismatch: boolean; isReachedTarget: boolean }) | null;
  cellsPassed: number[];
  timeSpentMs: number;
  isRemoved: boolean;
};

export type ScatterPoint = { runId: string; hidden: number; lr: number; loss: number; isReachedTarget: boolean };

export type ReviewSummary = {
  students: number;
  runs: number;
  studentsReachedTarget: number;
  medianFinalLoss: number | null;
  medianStepsToTarget: number | null;
  /** cell number → how many students passed it. */
  cellsPassed: Record<1 | 2 | 3, number>;
};

export function isReachedTarget(run: Pick<ReviewRunRow, "status" | "targetReachedStep">): boolean {
  return run.status === "REACHED_TARGET" || run.targetReachedStep !== null;
}

export function isVerifiedMismatch(run: Pick<ReviewRunRow, "reportedLoss" | "verifiedLoss">): boolean {
  if (run.reportedLoss === null || run.verifiedLoss === null) return false;
  const scale = Math.max(1, Math.abs(run.verifiedLoss));
  return Math.abs(run.reportedLoss - run.verifiedLoss) > VERIFY_TOLERANCE * scale;
}

/** A student's best run: the lowest final loss among runs that reported one; the first on ties. */
export function bestRun(runs: readonly ReviewRunRow[]): ReviewRunRow | null {
  let best: ReviewRunRow | null = null;
  for (const run of runs) {
    if (run.reportedLoss === null) continue;
    if (!best || run.reportedLoss < (best.reportedLoss ?? Number.POSITIVE_INFINITY)) best = run;
  }
  return best;
}

export function summarizeParticipant(participant: ReviewParticipantRow): ParticipantSummary {
  const best = bestRun(participant.runs);
  return {
    participantId: participant.id,
    nickname: participant.nickname,
    runCount: participant.runs.length,
    best: best
      ? { ...best, isVerifiedMismatch: isVerifiedMismatch(best), isReachedTarget: isReachedTarget(best) }
      : null,
    cellsPassed: participant.cells
      .filter((cell) => cell.isPassed)
      .map((cell) => cell.cell)
      .sort(),
    timeSpentMs: Math.max(0, participant.lastSeenAt.getTime() - participant.joinedAt.getTime()),
    isRemoved: participant.removedAt !== null,
  };
}

/**
 * Class figures: students who ever joined; every run; students with at least one run that reached
 * the target; the median of each student's best final loss; the median of each student's first
 * step at target; per cell, students who passed it.
 */
export function summarizeClass(participants: readonly ReviewParticipantRow[]): ReviewSummary {
  const bestLosses: number[] = [];
  const stepsToTarget: number[] = [];
  let runs = 0;
  let studentsReachedTarget = 0;
  const cellsPassed: Record<1 | 2 | 3, number> = { 1: 0, 2: 0, 3: 0 };
  for (const participant of participants) {
    runs += participant.runs.length;
    const best = bestRun(participant.runs);
    if (best?.reportedLoss != null) bestLosses.push(best.reportedLoss);
    const firstAtTarget = participant.runs.find(isReachedTarget);
    if (firstAtTarget) {
      studentsReachedTarget += 1;
      stepsToTarget.push(firstAtTarget.targetReachedStep ?? firstAtTarget.steps);
    }
    for (const cell of participant.cells) {
      if (cell.isPassed && (cell.cell === 1 || cell.cell === 2 || cell.cell === 3)) cellsPassed[cell.cell] += 1;
    }
  }
  return {
    students: participants.length,
    runs,
    studentsReachedTarget,
    medianFinalLoss: median(bestLosses),
    medianStepsToTarget: median(stepsToTarget),
    cellsPassed,
  };
}

/** "What worked": every run with a final loss, by hidden size and learning rate. */
export function scatterPoints(participants: readonly ReviewParticipantRow[]): ScatterPoint[] {
  const points: ScatterPoint[] = [];
  for (const participant of participants) {
    for (const run of participant.runs) {
      if (run.reportedLoss === null) continue;
      points.push({
        runId: run.id,
        hidden: run.config.hidden,
        lr: run.config.lr,
        loss: run.reportedLoss,
        isReachedTarget: isReachedTarget(run),
      });
    }
  }
  return points;
}
