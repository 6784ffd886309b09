import {
  DATASET_EXTENT,
  type Dataset,
  decisionLine,
  describeDecisionLine,
  describeUnitLine,
  fromChapterWeights,
  type Mlp,
  type UnitLine,
  type UnitState,
  unitHealth,
  unitLines,
  unitMaps,
} from "@/lib/ml/nn";
import type { Weights } from "@/lib/protocol";
import type { MapLine } from "../charts/decision-map-canvas";

/** Pixels per side of a unit's thumbnail map: 24² = 576 points per unit keeps hidden 32 under 0.2 ms. */
export const UNIT_MAP_RESOLUTION = 24;

/** One hidden unit (or the single neuron) as the network view shows it. */
export type NetworkUnit = {
  /** 0-based. */
  readonly index: number;
  /** Incoming weights (x, y) and bias: its line w·x + b = 0. */
  readonly wx: number;
  readonly wy: number;
  readonly bias: number;
  /** Weight to the output; null for the single neuron, which is the output. */
  readonly outgoing: number | null;
  readonly line: UnitLine;
  readonly state: UnitState;
  /** Its line, effect and state in words, for screen readers and the weights readout. */
  readonly description: string;
};

/** Everything the diagram draws, built from the weights alone (the teacher side has nothing else). */
export type NetworkModel = {
  readonly isSingleNeuron: boolean;
  readonly activation: Weights["activation"];
  readonly units: readonly NetworkUnit[];
  readonly outputBias: number;
  /** UNIT_MAP_RESOLUTION² bytes per unit, unit after unit (lib/ml/nn unitMaps). */
  readonly maps: Uint8Array;
  readonly dead: number;
  readonly saturated: number;
  /** A linear net's decision line (lib/ml/nn decisionLine), null for a non-linear one. */
  readonly decisionLine: UnitLine | null;
};

/**
 * The network view's model from chapter-form weights (what the Worker posts and the teacher
 * receives). `hidden` tells a single neuron apart from a one-unit linear net when it is known;
 * `data` (the run's points) marks dead and saturated units. Null when the weights cannot be read
 * (a diverged run's non-finite numbers).
 */
export function buildNetworkModel(weights: Weights, data: Dataset | null, hidden?: number): NetworkModel | null {
  let net: Mlp;
  let maps: Uint8Array;
  try {
    net = fromChapterWeights(weights, {
      activation: weights.activation,
      ...(hidden === undefined ? {} : { singleNeuron: hidden === 0 }),
    });
    maps = unitMaps(net, { resolution: UNIT_MAP_RESOLUTION, extent: DATASET_EXTENT });
  } catch {
    return null;
  }
  const isSingleNeuron = net.hidden === 0;
  const health = data && !isSingleNeuron ? unitHealth(net, data) : null;
  const { params, layout } = net;
  const units = unitLines(net, DATASET_EXTENT).map((line, index): NetworkUnit => {
    const row = isSingleNeuron ? layout.w2 : layout.w1 + 2 * index;
    const outgoing = isSingleNeuron ? null : (params[layout.w2 + index] ?? 0);
    const state = health?.states[index] ?? "alive";
    return {
      index,
      wx: params[row] ?? 0,
      wy: params[row + 1] ?? 0,
      bias: isSingleNeuron ? (params[layout.b2] ?? 0) : (params[layout.b1 + index] ?? 0),
      outgoing,
      line,
      state,
      description: describeUnit(line, outgoing, state, isSingleNeuron),
    };
  });
  return {
    isSingleNeuron,
    activation: net.activation,
    units,
    outputBias: params[layout.b2] ?? 0,
    maps,
    dead: health?.dead ?? 0,
    saturated: health?.saturated ?? 0,
    decisionLine: decisionLine(net, DATASET_EXTENT),
  };
}

/**
 * "unit 2: active right of the line through (0.4, 2.0) and (−0.1, −2.0); pushes towards class 1
 * (weight to output 1.3)" — the line's words from lib/ml/nn, then what the unit does to the output.
 */
function describeUnit(line: UnitLine, outgoing: number | null, state: UnitState, isSingleNeuron: boolean): string {
  if (isSingleNeuron) return `single neuron, ${describeDecisionLine(line)}`;
  const effect =
    outgoing === null || outgoing === 0
      ? "adds nothing to the output"
      : `pushes towards class ${outgoing > 0 ? 1 : 0} (weight to output ${formatWeight(outgoing)})`;
  const stateWords = state === "dead" ? "; dead: zero on every data point" : state === "saturated" ? "; saturated" : "";
  return `${describeUnitLine(line)}; ${effect}${stateWords}`;
}

/**
 * A weight as the view prints it: three significant digits, U+2212 for negatives.
 *
 * @example formatWeight(-0.01234) // "−0.0123"
 */
export function formatWeight(value: number): string {
  const text = Number(value.toPrecision(3)).toString();
  return text.startsWith("-") ? `\u2212${text.slice(1)}` : text;
}

/**
 * The unit lines to draw over the big map: every unit's when the overlay is on, else only the
 * highlighted unit's (bold either way). A linear net's single neuron line is its decision line.
 */
export function overlayLines(
  model: NetworkModel | null,
  highlightedUnit: number | null,
  isShowingAll: boolean,
): MapLine[] {
  if (model === null) return [];
  const lines: MapLine[] = [];
  for (const unit of model.units) {
    const isHighlighted = unit.index === highlightedUnit;
    if (unit.line.segment !== null && (isShowingAll || isHighlighted))
      lines.push({ segment: unit.line.segment, isHighlighted });
  }
  return lines;
}
