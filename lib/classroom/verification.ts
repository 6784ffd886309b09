/**
 * A run's figures as the student reported them against the server's own: the server rebuilds the
 * class's points from the seed and scores the student's final weights with the same core. Only the
 * server's figures count ("reached" = verified final accuracy ≥ target); the reported ones are
 * kept to flag a client that lied or broke. One pure function, so the review, its exports and the
 * live dashboard all judge a run the same way.
 */

import { DEFAULT_N, makeDataset } from "../ml/nn/datasets";
import { initMlp } from "../ml/nn/mlp";
import { evaluateLoss } from "../ml/nn/predict";
import { isDiverged } from "../ml/nn/train";
import { type RunConfig, runConfigSchema } from "./settings";

/**
 * Reported and verified losses further apart than this, relative to max(1, |verified|), disagree.
 * An honest client runs the same arithmetic on the same points and agrees to ~1e-12; a loss a
 * student could misread starts around 1e-3, far above this.
 */
export const VERIFY_LOSS_TOLERANCE = 1e-6;
/** Accuracy is k / n on the same n points for both sides: an honest report is exact, one point is 1 / 200. */
export const VERIFY_ACCURACY_TOLERANCE = 1e-9;
/**
 * The loss of a net that predicts ½ everywhere (ln 2 nats): the divergence baseline when the
 * run's own initial loss cannot be rebuilt (a config from before a schema change).
 */
export const UNINFORMED_LOSS = Math.LN2;

/** One side's final figures; a null or non-finite loss means a net that blew up. */
export type RunFigures = { loss: number | null; accuracy: number | null };

/** How the two sides compare. */
export const RUN_VERDICT = {
  /** Same figures within tolerance, or both sides diverged. */
  agree: "agree",
  /** The server's figures differ from the student's beyond tolerance: shown to the teacher as such. */
  mismatch: "mismatch",
  /** Nothing to score: the run left no final weights (still training, stopped by a reset, cut short). */
  unverified: "unverified",
} as const;
/** One verdict. */
export type RunVerdict = (typeof RUN_VERDICT)[keyof typeof RUN_VERDICT];

/** What {@link compareRunFigures} reads. */
export type VerificationInput = {
  reported: RunFigures;
  /**
   * The server's score of the final weights; `{ loss: null }` when the net is not finite (a
   * diverged run may send none: lib/protocol lets only "diverged" omit them), null when nothing
   * was scored.
   */
  verified: RunFigures | null;
  /** The run's loss before its first step, for the divergence threshold; null: {@link UNINFORMED_LOSS}. */
  initialLoss: number | null;
  targetAccuracy: number;
};

/** The judgement of one run. */
export type RunVerification = {
  verdict: RunVerdict;
  /** The server finds the run diverged (non-finite, or above DIVERGENCE_FACTOR × its initial loss). */
  isDiverged: boolean;
  /** The verified final accuracy reached the target (never the student's word). */
  isReachedTarget: boolean;
  /** For a mismatch, what disagrees, in words for the teacher; else null. */
  reason: string | null;
};

/**
 * Judges one run. Diverged runs are compared by kind, not by value: a net that blew up has no
 * meaningful loss, so both sides non-finite, or both above the divergence threshold, agree.
 *
 * @example
 * compareRunFigures({ reported: { loss: 0.01, accuracy: 1 }, verified: { loss: 0.692, accuracy: 0.5 },
 *   initialLoss: 0.69, targetAccuracy: 0.95 }) // { verdict: "mismatch", isReachedTarget: false, … }
 */
export function compareRunFigures(input: VerificationInput): RunVerification {
  const { reported, verified, targetAccuracy } = input;
  const initialLoss =
    input.initialLoss !== null && Number.isFinite(input.initialLoss) ? input.initialLoss : UNINFORMED_LOSS;
  if (verified === null)
    return { verdict: RUN_VERDICT.unverified, isDiverged: false, isReachedTarget: false, reason: null };
  const isReportedDiverged = lossDiverged(reported.loss, initialLoss);
  const isVerifiedDiverged = lossDiverged(verified.loss, initialLoss);
  if (isVerifiedDiverged || isReportedDiverged) {
    const reason =
      isVerifiedDiverged === isReportedDiverged
        ? null
        : isVerifiedDiverged
          ? "the server finds the run diverged"
          : "reported as diverged, but the weights score fine";
    return {
      verdict: reason === null ? RUN_VERDICT.agree : RUN_VERDICT.mismatch,
      isDiverged: isVerifiedDiverged,
      isReachedTarget: !isVerifiedDiverged && isAtTarget(verified.accuracy, targetAccuracy),
      reason,
    };
  }
  const reasons: string[] = [];
  if (!isLossClose(reported.loss, verified.loss)) reasons.push("loss");
  if (!isAccuracyClose(reported.accuracy, verified.accuracy)) reasons.push("accuracy");
  return {
    verdict: reasons.length === 0 ? RUN_VERDICT.agree : RUN_VERDICT.mismatch,
    isDiverged: false,
    isReachedTarget: isAtTarget(verified.accuracy, targetAccuracy),
    reason: reasons.length === 0 ? null : `reported ${reasons.join(" and ")} differ from the server's`,
  };
}

/**
 * The run's loss before its first step, rebuilt by the server from the stored config (the same
 * data and init the student's browser used); null when the config does not parse.
 *
 * @example initialRunLoss(run.config) // 0.74
 */
export function initialRunLoss(config: unknown): number | null {
  const parsed = runConfigSchema.safeParse(config);
  if (!parsed.success) return null;
  return initialLossOf(parsed.data);
}

function initialLossOf(config: RunConfig): number | null {
  try {
    const data = makeDataset(config.dataset, { n: DEFAULT_N, noise: config.noise, seed: config.dataSeed });
    const net = initMlp({
      hidden: config.hidden,
      activation: config.activation,
      seed: config.initSeed,
      initScale: config.initScale,
    });
    const loss = evaluateLoss(net, data);
    return Number.isFinite(loss) ? loss : null;
  } catch {
    return null;
  }
}

function lossDiverged(loss: number | null, initialLoss: number): boolean {
  return loss === null || isDiverged(loss, initialLoss);
}

function isAtTarget(accuracy: number | null, target: number): boolean {
  return accuracy !== null && Number.isFinite(accuracy) && accuracy >= target;
}

function isLossClose(reported: number | null, verified: number | null): boolean {
  if (reported === null || verified === null) return reported === verified;
  return Math.abs(reported - verified) <= VERIFY_LOSS_TOLERANCE * Math.max(1, Math.abs(verified));
}

function isAccuracyClose(reported: number | null, verified: number | null): boolean {
  // A run stopped before any accuracy was measured reports none: nothing to contradict.
  if (reported === null || verified === null) return true;
  return Math.abs(reported - verified) <= VERIFY_ACCURACY_TOLERANCE;
}
