/**
 * The run driver: one training run of lib/ml/nn on the class's dataset, advanced in slices.
 * It keeps every loss point (one per step), the latest accuracy, divergence and the first step
 * the target was reached. Shared by the student's Web Worker and the server's class simulator,
 * so a bot trains exactly like a browser.
 */
import type { RunConfig } from "../classroom/settings";
import {
  accuracy,
  DATASET_EXTENT,
  type Dataset,
  DEFAULT_N,
  decisionMap,
  evaluateLoss,
  initMlp,
  isDiverged,
  type Mlp,
  makeDataset,
  mlpStep,
  toChapterWeights,
} from "../ml/nn";
import type { LossPoint, Weights } from "../protocol";

/**
 * Accuracy costs about as much as a training step (a forward pass over all points), so it is
 * measured every this many steps (≤ 10 % overhead) and at the end of every slice. The target step
 * is therefore the first multiple of 10 at which accuracy ≥ target (or a slice end).
 */
export const ACCURACY_EVERY_STEPS = 10;
/** Steps between clock reads when a slice has a time budget: a clock read costs ~ a step at hidden 8. */
const CLOCK_EVERY_STEPS = 8;

/** Where a run is. */
export type RunStatus = "running" | "completed" | "diverged";

/** How far one {@link RunDriver.advance} call may go. */
export type AdvanceLimit = {
  /** Most steps to run; default: all remaining. */
  maxSteps?: number;
  /** Stop once this many ms passed on `now` (checked every few steps). */
  timeBudgetMs?: number;
};

/** A run in progress. Read-only fields change as {@link RunDriver.advance} runs. */
export type RunDriver = {
  readonly config: RunConfig;
  /** The points trained on now: the class's (same data seed, same points), or as the student edited them. */
  readonly data: Dataset;
  /** The class's points before any edit. */
  readonly baseData: Dataset;
  /** Trains on `data` from the next step on (a student's point edit); the optimizer state is kept. */
  setData(data: Dataset): void;
  readonly net: Mlp;
  readonly status: RunStatus;
  /** Steps taken (parameter updates), 0…config.steps. */
  readonly step: number;
  /** Loss points recorded: point i is [i, loss after i updates]; the last is [steps, final loss]. */
  readonly pointCount: number;
  /** The latest recorded loss, or null before the first step. */
  readonly loss: number | null;
  /** Accuracy at the last measurement (0–1), or null before the first. */
  readonly accuracy: number | null;
  /** The first step whose measured accuracy reached the target, or null. */
  readonly targetReachedStep: number | null;
  /** Runs steps until the limit, the end of the run or divergence; returns the steps run. */
  advance(limit?: AdvanceLimit): number;
  /** Loss point i (0 ≤ i < pointCount). */
  pointAt(index: number): LossPoint;
  /** Points `from…to - 1`. */
  points(from?: number, to?: number): LossPoint[];
  /** The class-1 probability map at `resolution`² (row 0 on top), or null if the net is not finite. */
  map(resolution: number): Uint8Array | null;
  /** The weights in the chapter's shape (lib/protocol's run:finish form), or null if the net is not finite. */
  weights(): Weights | null;
  /** Loss and accuracy of the net as it is now, measured afresh (e.g. before the first step). */
  evaluate(): { loss: number; accuracy: number };
};

/**
 * Builds the run: the dataset from the class's settings, the net from the init seed.
 *
 * @example
 * const driver = createRunDriver(config, () => performance.now());
 * while (driver.status === "running") driver.advance({ timeBudgetMs: 12 });
 */
export function createRunDriver(config: RunConfig, now: () => number = Date.now): RunDriver {
  const baseData = makeDataset(config.dataset, { n: DEFAULT_N, noise: config.noise, seed: config.dataSeed });
  let data = baseData;
  const net = initMlp({
    hidden: config.hidden,
    activation: config.activation,
    seed: config.initSeed,
    initScale: config.initScale,
  });
  const step = { lr: config.lr, optimizer: config.optimizer };
  // One slot per step plus the final loss after the last update.
  const losses = new Float64Array(config.steps + 1);
  let pointCount = 0;
  let status: RunStatus = "running";
  let lastAccuracy: number | null = null;
  let targetReachedStep: number | null = null;

  const measureAccuracy = () => {
    lastAccuracy = accuracy(net, data);
    if (targetReachedStep === null && lastAccuracy >= config.targetAccuracy) targetReachedStep = net.steps;
  };

  const finish = () => {
    const finalLoss = evaluateLoss(net, data);
    if (isDiverged(finalLoss, net.initialLoss) || !allFinite(net.params)) {
      status = "diverged";
      return;
    }
    losses[pointCount++] = finalLoss;
    measureAccuracy();
    status = "completed";
  };

  const advance = (limit: AdvanceLimit = {}): number => {
    if (status !== "running") return 0;
    const maxSteps = Math.min(limit.maxSteps ?? Number.POSITIVE_INFINITY, config.steps - net.steps);
    const deadline = limit.timeBudgetMs === undefined ? Number.POSITIVE_INFINITY : now() + limit.timeBudgetMs;
    let ran = 0;
    while (ran < maxSteps) {
      if (net.steps % ACCURACY_EVERY_STEPS === 0) measureAccuracy();
      const result = mlpStep(net, data, step);
      ran++;
      if (Number.isFinite(result.loss)) losses[pointCount++] = result.loss;
      if (result.diverged) {
        status = "diverged";
        return ran;
      }
      if (ran % CLOCK_EVERY_STEPS === 0 && now() >= deadline) break;
    }
    if (net.steps >= config.steps) finish();
    else if (ran > 0) measureAccuracy();
    return ran;
  };

  const pointAt = (index: number): LossPoint => [index, losses[index] ?? Number.NaN];

  return {
    config,
    get data() {
      return data;
    },
    baseData,
    setData(next: Dataset) {
      data = next;
    },
    net,
    get status() {
      return status;
    },
    get step() {
      return net.steps;
    },
    get pointCount() {
      return pointCount;
    },
    get loss() {
      return pointCount === 0 ? null : (losses[pointCount - 1] ?? null);
    },
    get accuracy() {
      return lastAccuracy;
    },
    get targetReachedStep() {
      return targetReachedStep;
    },
    advance,
    pointAt,
    points(from = 0, to = pointCount) {
      const points: LossPoint[] = [];
      for (let i = Math.max(0, from); i < Math.min(to, pointCount); i++) points.push(pointAt(i));
      return points;
    },
    map(resolution: number) {
      if (!allFinite(net.params)) return null;
      return decisionMap(net, { resolution, extent: DATASET_EXTENT });
    },
    weights() {
      if (!allFinite(net.params)) return null;
      const { w1, ...rest } = toChapterWeights(net);
      // The classroom's nets take points in the plane: every w1 row has exactly 2 inputs.
      return { ...rest, w1: w1.map((row): [number, number] => [row[0] ?? 0, row[1] ?? 0]) };
    },
    evaluate() {
      return { loss: evaluateLoss(net, data), accuracy: accuracy(net, data) };
    },
  };
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) return false;
  }
  return true;
}
