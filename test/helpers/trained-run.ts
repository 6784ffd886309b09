/**
 * A real finished run for integration tests: trains the class's config with the MLP core, like a
 * student's Worker, and builds the run:finish a browser would send (whole curve ≤ 1,000 points).
 */
import type { RunConfig } from "@/lib/classroom/settings";
import { thinCurve } from "@/lib/curve";
import {
  accuracy,
  DATASET_EXTENT,
  DEFAULT_N,
  decisionMap,
  evaluateLoss,
  initMlp,
  makeDataset,
  toChapterWeights,
  train,
} from "@/lib/ml/nn";
import { type LossPoint, MAP_RESOLUTION, MAX_CURVE_POINTS, type RunFinish } from "@/lib/protocol";

/** Trains `config` (steps capped by `steps`) and returns the finish payload for `runId`. */
export function trainedFinish(
  runId: string,
  config: RunConfig,
  steps = config.steps,
): RunFinish & { curve: LossPoint[] } {
  const data = makeDataset(config.dataset, { n: DEFAULT_N, noise: config.noise, seed: config.dataSeed });
  const net = initMlp({
    hidden: config.hidden,
    activation: config.activation,
    seed: config.initSeed,
    initScale: config.initScale,
  });
  const { losses } = train(net, data, { lr: config.lr, optimizer: config.optimizer, steps });
  const curve = thinCurve(
    Array.from(losses, (loss, i): LossPoint => [i, loss]),
    MAX_CURVE_POINTS,
  );
  return {
    runId,
    outcome: "completed",
    step: steps,
    loss: evaluateLoss(net, data),
    accuracy: accuracy(net, data),
    curve,
    map: decisionMap(net, { resolution: MAP_RESOLUTION, extent: DATASET_EXTENT }),
    weights: toChapterWeights(net) as RunFinish["weights"],
  };
}
