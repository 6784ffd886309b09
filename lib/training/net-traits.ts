/**
 * What the student's page shows about the network itself, beside its map and curve: the one line
 * a linear net collapses to, and its dead units. Computed where the net lives (the training
 * Worker) from lib/ml/nn's own helpers, so the page, advice and tests read the same figures.
 */
import type { Dataset } from "../ml/nn/data";
import { collapseLinear, isLinearNet, type Line2 } from "../ml/nn/lines";
import type { Mlp } from "../ml/nn/mlp";
import { unitHealth } from "../ml/nn/unit-health";
import { z } from "../zod";

/** A line a·x + b·y + c = 0 in data units, finite. */
export const line2Schema = z.object({ a: z.number(), b: z.number(), c: z.number() });

/** The traits of a net as the page receives them from its Worker. */
export const netTraitsSchema = z.object({
  /**
   * For a linear net (hidden 0, or the linear activation) the logit it collapses to,
   * logit = a·x + b·y + c: its decision line is where that is 0 (output 0.5). Null otherwise,
   * or when the weights are not finite.
   */
  linearLogit: line2Schema.nullable(),
  /** Hidden ReLU units that output 0 on every point (lib/ml/nn unitHealth); 0 for other activations. */
  dead: z.int().min(0),
  /** tanh or sigmoid units past the flat tail on every point. */
  saturated: z.int().min(0),
  /** Hidden units in the net, for "2 of 8". */
  hidden: z.int().min(0),
});
/** A net's traits. */
export type NetTraits = z.output<typeof netTraitsSchema>;

/**
 * The traits of `net` on the points it trains on. One pass over the points per hidden unit
 * (early exit per unit), cheap enough for every view the Worker posts.
 *
 * @example netTraits(driver.net, driver.data) // { linearLogit: null, dead: 1, saturated: 0, hidden: 8 }
 */
export function netTraits(net: Mlp, data: Dataset): NetTraits {
  const line = isLinearNet(net) ? collapseLinear(net) : null;
  const linearLogit = line && isFiniteLine(line) ? line : null;
  const { dead, saturated, hidden } = unitHealth(net, data);
  return { linearLogit, dead, saturated, hidden };
}

function isFiniteLine({ a, b, c }: Line2): boolean {
  return Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c);
}
