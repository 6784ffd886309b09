/**
 * The net a run starts from, before its first step: what the student's page draws at once, so the
 * map and the loss panel are never blank before training (and change as the form changes).
 */
import type { RunConfig } from "../classroom/settings";
import type { Weights } from "../protocol";
import { type NetTraits, netTraits } from "./net-traits";
import { createRunDriver } from "./run-driver";

/** The untrained net's figures: its loss and accuracy on the class's points, map, weights, traits. */
export type UntrainedNet = {
  loss: number;
  accuracy: number;
  /** The class-1 map at the asked resolution, or null if the net is not finite. */
  map: Uint8Array | null;
  weights: Weights | null;
  traits: NetTraits;
};

/**
 * The net `config` builds at step 0 (same data and init as the run will have: the run driver's).
 *
 * @example describeUntrained(config, 64).loss // ≈ 0.69 for XOR at the default init scale
 */
export function describeUntrained(config: RunConfig, mapResolution: number): UntrainedNet {
  const driver = createRunDriver(config);
  const { loss, accuracy } = driver.evaluate();
  return {
    loss,
    accuracy,
    map: driver.map(mapResolution),
    weights: driver.weights(),
    traits: netTraits(driver.net, driver.data),
  };
}
