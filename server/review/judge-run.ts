/**
 * One stored run as the review judges it: the server's verification against the student's report
 * (lib/classroom/verification), how it ended in words, and which run is a student's best. Pure.
 */
import type { RunGroup } from "../../lib/classroom/groups";
import { compareRunFigures, type RunFigures, type RunVerification } from "../../lib/classroom/verification";

/** A stored run: the slice of its config the review reads, and its figures. */
export type ReviewRunRow = {
  id: string;
  status: "TRAINING" | "FINISHED" | "REACHED_TARGET" | "DIVERGED" | "ABORTED";
  config: {
    dataset: string;
    targetAccuracy: number;
    hidden: number;
    lr: number;
    activation: string;
    optimizer: string;
    steps: number;
  };
  /** The run's loss before its first step, rebuilt by the server (lib/classroom initialRunLoss). */
  initialLoss: number | null;
  steps: number;
  /** The student's report of the step where accuracy first met the target: shown as theirs. */
  targetReachedStep: number | null;
  reportedLoss: number | null;
  reportedAccuracy: number | null;
  verifiedLoss: number | null;
  verifiedAccuracy: number | null;
  /** The lesson step (0-based) the run was trained on; null without a lesson. */
  lessonStep: number | null;
  /** The student added or removed points (Run.edits): scored on those, labelled, never reached. */
  isEdited: boolean;
  /** The group experiment's group it was trained in (Run.group); absent or null outside one. */
  group?: RunGroup | null;
  startedAt: Date;
  finishedAt: Date | null;
};

/** How a run ended, in the review's words (the server's judgement, never only the student's). */
export type RunOutcome = "training" | "finished" | "stopped" | "diverged";

/** A run with its verification and outcome. */
export type JudgedRun = ReviewRunRow & {
  verification: RunVerification;
  outcome: RunOutcome;
  /** The loss the review shows and ranks by: the verified one, else (unverified) the reported one. */
  loss: number | null;
  /** The accuracy the review shows: the verified one, else (unverified) the reported one. */
  accuracy: number | null;
};

/**
 * Judges a stored run. A run without a verified loss was either never scored (no weights: still
 * training, stopped by a reset or the end) or, when the student reported it diverged, had a net
 * too broken to send (lib/protocol lets only a diverged run omit its weights).
 *
 * @example judgeRun(row).verification.isReachedTarget // verified accuracy ≥ the run's target
 */
export function judgeRun(run: ReviewRunRow): JudgedRun {
  const verified: RunFigures | null =
    run.verifiedLoss !== null
      ? { loss: run.verifiedLoss, accuracy: run.verifiedAccuracy }
      : run.status === "DIVERGED"
        ? { loss: null, accuracy: null }
        : null;
  const verification = compareRunFigures({
    reported: { loss: run.reportedLoss, accuracy: run.reportedAccuracy },
    verified,
    initialLoss: run.initialLoss,
    targetAccuracy: run.config.targetAccuracy,
  });
  const isScored = verified !== null;
  return {
    ...run,
    // Edited data is not the class's: left out of verified counts and of the best run's "reached".
    verification: run.isEdited ? { ...verification, isReachedTarget: false } : verification,
    outcome: outcomeOf(run, verification),
    loss: isScored ? verified.loss : run.reportedLoss,
    accuracy: isScored ? verified.accuracy : run.reportedAccuracy,
  };
}

function outcomeOf(run: ReviewRunRow, verification: RunVerification): RunOutcome {
  if (run.status === "TRAINING") return "training";
  if (verification.isDiverged) return "diverged";
  // Cut short (a reset, a removal, the end) or stopped by the student before its last step.
  if (run.status === "ABORTED" || run.steps < run.config.steps) return "stopped";
  return "finished";
}

/**
 * Ranks runs for "best run": scored, healthy runs by verified loss first; then runs the server
 * could not score, by reported loss; diverged runs last. Runs with no loss at all are not ranked.
 */
function rank(run: JudgedRun): [tier: number, loss: number] | null {
  if (run.verification.isDiverged) return [2, run.loss ?? Number.POSITIVE_INFINITY];
  if (run.loss === null || !Number.isFinite(run.loss)) return null;
  return [run.verification.verdict === "unverified" ? 1 : 0, run.loss];
}

/** A student's best run (see {@link rank}); the first on ties; null when no run has a loss. */
export function bestRun(runs: readonly JudgedRun[]): JudgedRun | null {
  let best: JudgedRun | null = null;
  let bestRank: [number, number] | null = null;
  for (const run of runs) {
    const candidate = rank(run);
    if (!candidate) continue;
    if (!bestRank || candidate[0] < bestRank[0] || (candidate[0] === bestRank[0] && candidate[1] < bestRank[1])) {
      best = run;
      bestRank = candidate;
    }
  }
  return best;
}
