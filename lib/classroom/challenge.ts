/**
 * Challenges: the teacher's rules (dataset, accuracy ≥ X, hidden ≤ H, optionally steps ≤ S and the
 * optimizers allowed), the judgement of one finished run against them and the leaderboard. Pure:
 * the server measures the facts (re-scores the weights on the challenge's own data, replays the
 * run from its config and seed) and these rules decide; the live board, the review and the tests
 * all judge a run the same way.
 */
import { storableString } from "../storable-string";
import { z } from "../zod";
import { DATASETS, OPTIMIZERS, type OptimizerName } from "./names";
import {
  HIDDEN_MAX,
  HIDDEN_MIN,
  NOISE_MAX,
  NOISE_MIN,
  type RunConfig,
  SEED_MAX,
  STEPS_MAX,
  STEPS_MIN,
  TARGET_ACCURACY_MAX,
  TARGET_ACCURACY_MIN,
} from "./settings";

/** The teacher's rules. `maxSteps` null: any number of steps; `optimizers` lists the allowed ones. */
export const challengeSpecSchema = z.object({
  dataset: z.enum(DATASETS),
  noise: z.number().min(NOISE_MIN).max(NOISE_MAX),
  dataSeed: z.int().min(0).max(SEED_MAX),
  minAccuracy: z.number().min(TARGET_ACCURACY_MIN).max(TARGET_ACCURACY_MAX),
  maxHidden: z.int().min(HIDDEN_MIN).max(HIDDEN_MAX),
  maxSteps: z.int().min(STEPS_MIN).max(STEPS_MAX).nullable().default(null),
  optimizers: z
    .array(z.enum(OPTIMIZERS))
    .min(1)
    .max(OPTIMIZERS.length * 2)
    .default(() => [...OPTIMIZERS])
    .transform((names) => OPTIMIZERS.filter((name) => names.includes(name))),
});
/** A challenge's rules. */
export type ChallengeSpec = z.output<typeof challengeSpecSchema>;

/** How a run stands against the challenge. */
export const CHALLENGE_VERDICT = {
  /** Every rule met and every check passed: it ranks. */
  verified: "verified",
  /** The evidence does not hold: the report or the weights disagree with the server's replay or score. */
  unverified: "unverified",
  /** An honest run outside the rules (too big, too many steps, edited or other data, …): it does not rank. */
  ineligible: "ineligible",
} as const;
/** One verdict. */
export type ChallengeVerdict = (typeof CHALLENGE_VERDICT)[keyof typeof CHALLENGE_VERDICT];

/** Why a run does not rank; each has a sentence in {@link CHALLENGE_REASON_TEXT}. */
export const CHALLENGE_REASON = {
  editedData: "editedData",
  otherData: "otherData",
  diverged: "diverged",
  noWeights: "noWeights",
  reportMismatch: "reportMismatch",
  shapeMismatch: "shapeMismatch",
  replayMismatch: "replayMismatch",
  replayFailed: "replayFailed",
  replayBusy: "replayBusy",
  overSize: "overSize",
  overSteps: "overSteps",
  optimizer: "optimizer",
  belowAccuracy: "belowAccuracy",
} as const;
/** One reason. */
export type ChallengeReason = (typeof CHALLENGE_REASON)[keyof typeof CHALLENGE_REASON];
/** The reasons, for a schema. */
export const CHALLENGE_REASONS = Object.values(CHALLENGE_REASON) as [ChallengeReason, ...ChallengeReason[]];

/** The reasons that make a run "unverified" (the evidence fails); the others make it "ineligible". */
const UNVERIFIED_REASONS: ReadonlySet<ChallengeReason> = new Set([
  CHALLENGE_REASON.noWeights,
  CHALLENGE_REASON.reportMismatch,
  CHALLENGE_REASON.shapeMismatch,
  CHALLENGE_REASON.replayMismatch,
  CHALLENGE_REASON.replayFailed,
  CHALLENGE_REASON.replayBusy,
]);

/** What the teacher reads for each reason (dashboard panel, review). */
export const CHALLENGE_REASON_TEXT: Record<ChallengeReason, string> = {
  editedData: "trained on edited data",
  otherData: "trained on other data than the challenge's",
  diverged: "the run diverged",
  noWeights: "no final weights to check",
  reportMismatch: "the reported loss or accuracy differs from the server's score of the weights",
  shapeMismatch: "the weights' shape differs from the run's settings",
  replayMismatch: "the server's replay of the run ended with different weights",
  replayFailed: "the server could not replay the run",
  replayBusy: "the server was too busy to replay the run",
  overSize: "more hidden units than allowed",
  overSteps: "more steps than allowed",
  optimizer: "an optimizer the challenge does not allow",
  belowAccuracy: "accuracy below the challenge's",
};

/** True when the run trained on exactly the challenge's points (same dataset, noise and data seed). */
export function isChallengeData(spec: ChallengeSpec, config: Pick<RunConfig, "dataset" | "noise" | "dataSeed">) {
  return config.dataset === spec.dataset && config.noise === spec.noise && config.dataSeed === spec.dataSeed;
}

/**
 * What the server measured about one finished run. Numbers are the server's own, except
 * `reportAgrees` (its comparison of the student's report with its score) and the replay's verdict.
 */
export type ChallengeRunFacts = {
  config: Pick<RunConfig, "dataset" | "noise" | "dataSeed" | "hidden" | "optimizer">;
  /** The run's point edits (the room's log). */
  editCount: number;
  /** Steps the run took (run:finish `step`). */
  steps: number;
  isDiverged: boolean;
  /** Hidden units read from the weights' shapes (0 for the single-neuron form); null: no usable weights. */
  weightsHidden: number | null;
  /** Accuracy of the weights on the challenge's points, by the server; null: nothing scored. */
  verifiedAccuracy: number | null;
  /** The student's reported loss and accuracy agree with the server's score (lib/classroom/verification). */
  reportAgrees: boolean;
  /** The replay: "agree", "disagree", "failed", "busy" (its queue was full), or null when it was not run. */
  replay: "agree" | "disagree" | "failed" | "busy" | null;
};

/** A judgement: the verdict and every reason against the run, in a fixed order. */
export type ChallengeJudgement = { verdict: ChallengeVerdict; reasons: ChallengeReason[] };

/**
 * The checks that need no replay, cheapest first. A run with any reason is not replayed: it
 * cannot rank anyway, and a replay costs up to a second of CPU.
 *
 * @example screenChallengeRun(spec, facts) // [] → replay it; ["overSize"] → store as ineligible
 */
export function screenChallengeRun(spec: ChallengeSpec, facts: ChallengeRunFacts): ChallengeReason[] {
  const reasons: ChallengeReason[] = [];
  if (facts.editCount > 0) reasons.push(CHALLENGE_REASON.editedData);
  if (!isChallengeData(spec, facts.config)) reasons.push(CHALLENGE_REASON.otherData);
  if (facts.isDiverged) reasons.push(CHALLENGE_REASON.diverged);
  if (facts.weightsHidden === null) reasons.push(CHALLENGE_REASON.noWeights);
  else if (facts.weightsHidden !== facts.config.hidden) reasons.push(CHALLENGE_REASON.shapeMismatch);
  if (!facts.reportAgrees) reasons.push(CHALLENGE_REASON.reportMismatch);
  // The size is the weights' (what the student actually hands in), never the config's word.
  if (Math.max(facts.weightsHidden ?? 0, facts.config.hidden) > spec.maxHidden) reasons.push(CHALLENGE_REASON.overSize);
  if (spec.maxSteps !== null && facts.steps > spec.maxSteps) reasons.push(CHALLENGE_REASON.overSteps);
  if (!spec.optimizers.includes(facts.config.optimizer as OptimizerName)) reasons.push(CHALLENGE_REASON.optimizer);
  if (facts.verifiedAccuracy === null || facts.verifiedAccuracy < spec.minAccuracy)
    reasons.push(CHALLENGE_REASON.belowAccuracy);
  return reasons;
}

/**
 * Judges a run: the screen's reasons plus the replay's. Verified only when nothing is against it
 * and the replay agreed; a run not (yet) replayed never counts as verified.
 *
 * @example judgeChallengeRun(spec, { ...facts, replay: "agree" }) // { verdict: "verified", reasons: [] }
 */
export function judgeChallengeRun(spec: ChallengeSpec, facts: ChallengeRunFacts): ChallengeJudgement {
  const reasons = screenChallengeRun(spec, facts);
  if (reasons.length === 0) {
    if (facts.replay === "disagree") reasons.push(CHALLENGE_REASON.replayMismatch);
    else if (facts.replay === "busy") reasons.push(CHALLENGE_REASON.replayBusy);
    else if (facts.replay !== "agree") reasons.push(CHALLENGE_REASON.replayFailed);
  }
  if (reasons.length === 0) return { verdict: CHALLENGE_VERDICT.verified, reasons };
  const isUnverified = reasons.some((reason) => UNVERIFIED_REASONS.has(reason));
  return { verdict: isUnverified ? CHALLENGE_VERDICT.unverified : CHALLENGE_VERDICT.ineligible, reasons };
}

/** One judged run as stored (ChallengeEntry) and sent to teachers. */
export const challengeEntrySchema = z.object({
  runId: storableString().min(1).max(200),
  participantId: storableString().min(1).max(200),
  verdict: z.enum(Object.values(CHALLENGE_VERDICT) as [ChallengeVerdict, ...ChallengeVerdict[]]),
  reasons: z.array(z.enum(CHALLENGE_REASONS)).max(CHALLENGE_REASONS.length),
  hidden: z.int().min(0).max(HIDDEN_MAX),
  /** Learned numbers of the network (lib/ml/nn parameterCount): the board's first key. */
  parameterCount: z.int().min(0),
  steps: z.int().min(0).max(STEPS_MAX),
  /** The server's accuracy of the weights on the challenge's points. */
  accuracy: z.number().min(0).max(1).nullable(),
  /** When the run finished, ms since the epoch: the board's last key. */
  finishedAt: z.number(),
});
/** A judged run. */
export type ChallengeEntry = z.output<typeof challengeEntrySchema>;

/** One place on the board. */
export type BoardRow = ChallengeEntry & { rank: number };

/** Smallest network first, then fewest steps, then the earlier finish (then run id, for a stable order). */
export function compareBoardEntries(a: ChallengeEntry, b: ChallengeEntry): number {
  return (
    a.parameterCount - b.parameterCount ||
    a.steps - b.steps ||
    a.finishedAt - b.finishedAt ||
    (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0)
  );
}

/**
 * The leaderboard: verified runs only, each student once (their best run), ranked by
 * {@link compareBoardEntries}; rank is 1-based.
 *
 * @example rankChallengeBoard(entries).slice(0, 3) // the podium
 */
export function rankChallengeBoard(entries: Iterable<ChallengeEntry>): BoardRow[] {
  const best = new Map<string, ChallengeEntry>();
  for (const entry of entries) {
    if (entry.verdict !== CHALLENGE_VERDICT.verified) continue;
    const held = best.get(entry.participantId);
    if (!held || compareBoardEntries(entry, held) < 0) best.set(entry.participantId, entry);
  }
  return [...best.values()].sort(compareBoardEntries).map((entry, index) => ({ ...entry, rank: index + 1 }));
}

/**
 * The rules in words, for the dashboard, the projector and the review.
 *
 * @example describeChallenge(spec) // "xor: accuracy ≥ 95 %, hidden ≤ 4, steps ≤ 2,000, optimizers sgd, adam"
 */
export function describeChallenge(spec: ChallengeSpec): string {
  const parts = [`accuracy ≥ ${Math.round(spec.minAccuracy * 1000) / 10} %`, `hidden ≤ ${spec.maxHidden}`];
  if (spec.maxSteps !== null) parts.push(`steps ≤ ${spec.maxSteps.toLocaleString("en-US")}`);
  if (spec.optimizers.length < OPTIMIZERS.length) parts.push(`optimizers ${spec.optimizers.join(", ")}`);
  return `${spec.dataset}: ${parts.join(", ")}`;
}
