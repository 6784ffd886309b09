import { checkDataset, type Dataset } from "./data";
import { type Mlp, mlpLayout } from "./mlp";

/**
 * Dead and saturated hidden units: units that no longer learn from the data. A ReLU unit whose
 * pre-activation is ≤ 0 on every point outputs 0 everywhere and gets no gradient (dead); a tanh
 * or sigmoid unit whose |pre-activation| exceeds {@link SATURATION_THRESHOLD} on every point sits
 * on a flat tail of its curve (saturated). Linear units and a single neuron are never either.
 */

/**
 * |z| beyond which tanh and sigmoid are flat: tanh′(4) = 1 − tanh²(4) ≈ 1.3e-3 and
 * σ′(4) ≈ 0.018, so a unit past it on every point learns about a hundredth as fast as at z = 0.
 */
export const SATURATION_THRESHOLD = 4;

/** One unit's state on a dataset. */
export type UnitState = "alive" | "dead" | "saturated";

/** Every hidden unit's state and the counts. */
export type UnitHealth = {
  /** Per hidden unit, 0-based; empty for a single neuron (hidden 0). */
  readonly states: UnitState[];
  readonly dead: number;
  readonly saturated: number;
  /** Hidden units in the net, for shares (dead / hidden). */
  readonly hidden: number;
};

/**
 * Classifies each hidden unit of `net` on `data`: `dead` (ReLU, zero output on every point),
 * `saturated` (tanh or sigmoid, |w·x + b| > 4 on every point) or `alive`. One pass over the points
 * per unit with early exit at the first point that shows the unit alive; no allocation besides
 * the result.
 *
 * @throws NnInputError if `data` does not fit the net.
 * @example unitHealth(net, data) // { states: ["alive", "dead", …], dead: 1, saturated: 0, hidden: 8 }
 */
export function unitHealth(net: Mlp, data: Dataset): UnitHealth {
  const n = checkDataset(data, net.inputs);
  const { hidden, inputs, activation, params } = net;
  const layout = mlpLayout(inputs, hidden);
  const states: UnitState[] = [];
  let dead = 0;
  let saturated = 0;
  for (let j = 0; j < hidden; j++) {
    let state: UnitState = "alive";
    if (activation === "relu" || activation === "tanh" || activation === "sigmoid") {
      const row = layout.w1 + j * inputs;
      const bias = params[layout.b1 + j]!;
      const isRelu = activation === "relu";
      let isStuck = true;
      for (let p = 0; p < n && isStuck; p++) {
        // The same arithmetic order as the forward pass: x·w left to right, then the bias.
        let z = 0;
        for (let i = 0; i < inputs; i++) z += data.xs[p * inputs + i]! * params[row + i]!;
        z += bias;
        isStuck = isRelu ? !(z > 0) : Math.abs(z) > SATURATION_THRESHOLD;
      }
      if (isStuck) state = isRelu ? "dead" : "saturated";
    }
    if (state === "dead") dead++;
    if (state === "saturated") saturated++;
    states.push(state);
  }
  return { states, dead, saturated, hidden };
}
