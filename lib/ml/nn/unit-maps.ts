import { decisionMap } from "./decision-map";
import { NnDivergedError, NnInputError } from "./errors";
import type { Mlp } from "./mlp";
import { allFinite, assertIntInRange, assertPositive } from "./validate";

/**
 * A small map per hidden unit, as the network view draws it beside each unit: what that unit adds
 * to the output's logit, v·act(w·x + b), over the plot. Bytes use the decision map's scale
 * (128 = nothing, above pushes towards class 1, below towards class 0), so the same warm/cool
 * palette reads the same way on a unit's map as on the big one: a unit whose outgoing weight is
 * positive is warm where it is active, one with a negative weight cool.
 *
 * Each unit's map is scaled by its own largest |contribution| on the grid, so even a weak unit
 * shows where it is active (the diagram's link widths show how much it counts). For a single
 * neuron (hidden 0) the one map is the neuron's own probability map, the decision map itself.
 */

/** Byte for "adds nothing": the middle of 0…255, the decision map's p = 0.5 (rounded down). */
export const UNIT_MAP_NEUTRAL = 128;
/** Bytes either side of neutral for the unit's strongest contribution. */
const UNIT_MAP_SPAN = 127;

/** Options for {@link unitMaps}. */
export type UnitMapsOptions = {
  /** Pixels per side, 1…1024; a diagram thumbnail needs ~24. */
  resolution: number;
  /** Half-width of the square in data units, as for the decision map. */
  extent: number;
};

/**
 * Every hidden unit's map (see the module comment), unit j at bytes [j·r², (j + 1)·r²), row 0 at
 * the top and pixel centres as in {@link decisionMap}. A single neuron gives one map.
 *
 * @throws NnInputError if the net does not take 2 inputs or the options are out of range.
 * @throws NnDivergedError if the parameters are not all finite.
 * @example const maps = unitMaps(net, { resolution: 24, extent: DATASET_EXTENT }); // 8 × 576 bytes at hidden 8
 */
export function unitMaps(net: Mlp, options: UnitMapsOptions): Uint8Array {
  const { resolution, extent } = options;
  if (net.inputs !== 2) throw new NnInputError(`unitMaps needs a 2-input net, got ${net.inputs} inputs`);
  assertIntInRange(resolution, 1, 1024, "resolution");
  assertPositive(extent, "extent");
  if (!allFinite(net.params)) throw new NnDivergedError("the network's parameters are not finite; no unit maps");
  if (net.hidden === 0) return decisionMap(net, { resolution, extent });
  const { params, layout, hidden, activation } = net;
  const size = resolution * resolution;
  const pixels = new Uint8Array(hidden * size);
  const values = new Float64Array(size);
  const step = (2 * extent) / resolution;
  for (let j = 0; j < hidden; j++) {
    const wx = params[layout.w1 + 2 * j]!;
    const wy = params[layout.w1 + 2 * j + 1]!;
    const b = params[layout.b1 + j]!;
    const v = params[layout.w2 + j]!;
    let largest = 0;
    for (let r = 0; r < resolution; r++) {
      const rowTerm = wy * (extent - (r + 0.5) * step) + b;
      for (let c = 0; c < resolution; c++) {
        const value = v * activate(activation, wx * (-extent + (c + 0.5) * step) + rowTerm);
        values[r * resolution + c] = value;
        if (Math.abs(value) > largest) largest = Math.abs(value);
      }
    }
    const scale = largest > 0 ? UNIT_MAP_SPAN / largest : 0;
    const offset = j * size;
    for (let i = 0; i < size; i++) pixels[offset + i] = Math.round(UNIT_MAP_NEUTRAL + values[i]! * scale);
  }
  return pixels;
}

function activate(activation: Mlp["activation"], z: number): number {
  switch (activation) {
    case "relu":
      return z > 0 ? z : 0;
    case "tanh":
      return Math.tanh(z);
    case "sigmoid":
      return 1 / (1 + Math.exp(-z));
    case "linear":
      return z;
  }
}
