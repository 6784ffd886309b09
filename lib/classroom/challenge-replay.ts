/**
 * Replaying a run: full-batch gradient descent from a seeded init on seeded points is
 * deterministic, so the server can train the run again from its config and seed with the same
 * core (lib/ml/nn train) and compare the weights it ends with to the ones the student handed in.
 * The same engine gives the same doubles, but Node and Chromium do not quite: the points' noise
 * goes through Math.log and Math.cos (lib/ml/nn rng.normal), which Node 20's V8 and Chromium's
 * round differently in the last bit for some points, so the two end a few ulps apart (up to 5e-10
 * after 20,000 chaotic Adam + tanh steps: `npm run bench:replay`). {@link REPLAY_TOLERANCE} covers that.
 */
import {
  type ChapterWeights,
  DEFAULT_N,
  evaluateLoss,
  fromChapterWeights,
  initMlp,
  makeDataset,
  toChapterWeights,
  train,
} from "../ml/nn";
import type { RunConfig } from "./settings";

/**
 * Largest difference allowed between a replayed and a reported weight, relative to
 * max(1, |replayed|). Measured (bench:replay, hidden 32 × 20,000 steps): Chromium against Node at
 * most 5.4e-10; one init weight moved by one ulp ends at most 8.1e-9 away. A net that was not
 * trained exactly so (one weight nudged by 1e-4, another seed, another learning rate) is ≥ 1e-4
 * away. 1e-6 sits between, two orders of magnitude from each.
 */
export const REPLAY_TOLERANCE = 1e-6;

/** What to replay: the run's config (as the server resolved it) and how many steps it took. */
export type ReplayRequest = {
  config: Pick<
    RunConfig,
    "dataset" | "noise" | "dataSeed" | "hidden" | "activation" | "initSeed" | "initScale" | "lr" | "optimizer"
  >;
  steps: number;
};

/** The replay's end: its weights in the chapter's shape and final loss (null when it diverged). */
export type ReplayResult = { weights: ChapterWeights | null; finalLoss: number | null };

/**
 * Trains the run again, exactly as the student's Worker did (lib/training run-driver steps the
 * same mlpStep on the same points from the same init).
 *
 * @throws NnInputError on a config the core refuses.
 * @example replayRun({ config, steps: finish.step }).weights // the weights an honest browser sent
 */
export function replayRun(request: ReplayRequest): ReplayResult {
  const { config, steps } = request;
  const data = makeDataset(config.dataset, { n: DEFAULT_N, noise: config.noise, seed: config.dataSeed });
  const net = initMlp({
    hidden: config.hidden,
    activation: config.activation,
    seed: config.initSeed,
    initScale: config.initScale,
  });
  if (steps > 0) {
    const { status } = train(net, data, { lr: config.lr, optimizer: config.optimizer, steps });
    if (status === "diverged") return { weights: null, finalLoss: null };
  }
  const finalLoss = evaluateLoss(net, data);
  return { weights: toChapterWeights(net), finalLoss: Number.isFinite(finalLoss) ? finalLoss : null };
}

/**
 * The largest relative difference between two nets' weights (∞ when their shapes differ).
 *
 * @example weightDifference(reported, replayed) // 0 for an honest run
 */
export function weightDifference(reported: ChapterWeights, replayed: ChapterWeights): number {
  const a = flatten(reported);
  const b = flatten(replayed);
  if (a === null || b === null || a.length !== b.length || reported.activation !== replayed.activation)
    return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    const difference = Math.abs(x - y) / Math.max(1, Math.abs(y));
    if (!(difference <= worst)) worst = Number.isNaN(difference) ? Number.POSITIVE_INFINITY : difference;
  }
  return worst;
}

/** True when the reported weights are the replay's within {@link REPLAY_TOLERANCE}. */
export function isReplayMatch(reported: ChapterWeights, replayed: ChapterWeights | null): boolean {
  return replayed !== null && weightDifference(reported, replayed) <= REPLAY_TOLERANCE;
}

/**
 * Hidden units of a net in the chapter's shape, read from its shapes (0 for the single-neuron
 * form), or null when the core refuses it.
 *
 * @example weightsHidden({ w1: [[1, 2]], b1: [0], w2: [[1]], b2: [0], activation: "linear" }) // 0
 */
export function weightsHidden(weights: ChapterWeights): number | null {
  try {
    return fromChapterWeights(weights, { activation: weights.activation }).hidden;
  } catch {
    return null;
  }
}

function flatten(weights: ChapterWeights): number[] | null {
  const { w1, b1, w2, b2 } = weights;
  if (!Array.isArray(w1) || !Array.isArray(w2)) return null;
  return [...w1.flat(), ...b1, ...w2.flat(), ...b2];
}
