/**
 * A stored net redrawn: the map and traits of final weights the server kept (run:finish's), so the
 * student's page after a reload shows the same map, network view and unit facts as before it.
 */
import type { RunConfig } from "../classroom/settings";
import { DATASET_EXTENT, DEFAULT_N, decisionMap, fromChapterWeights, makeDataset } from "../ml/nn";
import type { Weights } from "../protocol";
import { type NetTraits, netTraits } from "./net-traits";

/**
 * The decision map at `mapResolution`² and the traits of the net `weights` describe, on the class
 * points of `config`; null when the weights do not make a net (wrong shapes, non-finite values).
 *
 * @example describeWeights(lastRun.config, lastRun.weights, 64)?.map // the run's final map, 64 × 64
 */
export function describeWeights(
  config: RunConfig,
  weights: Weights,
  mapResolution: number,
): { map: Uint8Array; traits: NetTraits } | null {
  try {
    const net = fromChapterWeights(weights, { activation: weights.activation });
    const data = makeDataset(config.dataset, { n: DEFAULT_N, noise: config.noise, seed: config.dataSeed });
    return {
      map: decisionMap(net, { resolution: mapResolution, extent: DATASET_EXTENT }),
      traits: netTraits(net, data),
    };
  } catch {
    return null;
  }
}
