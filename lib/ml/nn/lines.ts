import { NnInputError } from "./errors";
import type { Mlp } from "./mlp";
import { assertPositive } from "./validate";

/**
 * "Lines from weights": every neuron with two inputs draws the line w·x + b = 0, and this module
 * finds it inside the plot. A hidden unit is active on the side where its pre-activation
 * w·x + b is positive (ReLU passes it, tanh is positive, sigmoid is above ½). A linear net (hidden
 * 0, or the linear activation at any size) collapses to one such line, its decision line, where the
 * output probability is 0.5. Wording for screen readers is in line-words.ts.
 */

/** The line a·x + b·y + c = 0 (data units); its positive side is where a·x + b·y + c > 0. */
export type Line2 = { readonly a: number; readonly b: number; readonly c: number };

/** A segment inside the plot: two endpoints in data units, both on the square's border. */
export type Segment = readonly [x0: number, y0: number, x1: number, y1: number];

/**
 * Where the positive side lies, in words: towards the normal's larger component for a line that
 * crosses the plot, or the whole plot ("everywhere"/"nowhere") when the line misses it or the
 * weights are zero.
 */
export type ActiveSide = "right" | "left" | "above" | "below" | "everywhere" | "nowhere";

/** One neuron's line as the plot shows it. */
export type UnitLine = {
  /** 0-based hidden unit; for a single neuron (hidden 0) or a decision line, 0. */
  readonly unit: number;
  readonly line: Line2;
  /** The line clipped to [−extent, extent]², or null when it misses the square. */
  readonly segment: Segment | null;
  /** The side where the pre-activation (or, for a decision line, the logit) is positive. */
  readonly activeSide: ActiveSide;
};

/**
 * Clips a·x + b·y + c = 0 to the square [−extent, extent]² and writes the two endpoints into
 * `out[offset … offset + 4)`. Returns false (writing nothing) when the line misses the square,
 * only touches a corner, or a = b = 0. No allocation, for redraws.
 *
 * Solves for the coordinate along which the line runs most (|b| ≥ |a|: y from x; else x from y),
 * so no division blows up on a nearly axis-parallel line. Endpoints come left to right for a
 * mostly horizontal line and top to bottom for a mostly vertical one.
 *
 * @example clipLine(1, 0, -0.5, 2, out) // true; out = [0.5, 2, 0.5, -2] (the line x = 0.5)
 */
export function clipLine(a: number, b: number, c: number, extent: number, out: Float64Array, offset = 0): boolean {
  const isHorizontal = Math.abs(b) >= Math.abs(a);
  // In the rotated frame u runs along the line, v across: v(u) = −(p·u + c) / q.
  const p = isHorizontal ? a : b;
  const q = isHorizontal ? b : a;
  if (q === 0 || !Number.isFinite(p / q) || !Number.isFinite(c / q)) return false;
  let lo = -extent;
  let hi = extent;
  if (p !== 0) {
    const atTop = -(c + q * extent) / p;
    const atBottom = -(c - q * extent) / p;
    lo = Math.max(lo, Math.min(atTop, atBottom));
    hi = Math.min(hi, Math.max(atTop, atBottom));
  } else if (Math.abs(c / q) > extent) {
    return false;
  }
  if (!(lo < hi)) return false;
  const vLo = clamp(-(p * lo + c) / q, extent);
  const vHi = clamp(-(p * hi + c) / q, extent);
  if (isHorizontal) {
    out[offset] = lo;
    out[offset + 1] = vLo;
    out[offset + 2] = hi;
    out[offset + 3] = vHi;
  } else {
    // Top to bottom: start at the larger y.
    out[offset] = vHi;
    out[offset + 1] = hi;
    out[offset + 2] = vLo;
    out[offset + 3] = lo;
  }
  return true;
}

/** Reused by the object-returning helpers; safe since JavaScript runs one call at a time per realm. */
const segmentBuffer = new Float64Array(4);

/**
 * The line clipped to the plot and its positive side.
 *
 * @example lineInPlot({ a: 1, b: 0, c: 0 }, 2) // { segment: [0, 2, 0, -2], activeSide: "right" }
 */
export function lineInPlot(line: Line2, extent: number, unit = 0): UnitLine {
  assertPositive(extent, "extent");
  const { a, b, c } = line;
  if (!clipLine(a, b, c, extent, segmentBuffer)) {
    // The line misses the square (or a = b = 0), so the sign is the same all over it: the centre's, c.
    return { unit, line, segment: null, activeSide: c > 0 ? "everywhere" : "nowhere" };
  }
  const [x0, y0, x1, y1] = segmentBuffer as unknown as [number, number, number, number];
  const activeSide: ActiveSide = Math.abs(a) >= Math.abs(b) ? (a > 0 ? "right" : "left") : b > 0 ? "above" : "below";
  return { unit, line, segment: [x0, y0, x1, y1], activeSide };
}

/** The line of hidden unit `unit` (0-based): its pre-activation w·x + b as a·x + b·y + c. */
export function unitLine2(net: Mlp, unit: number): Line2 {
  const { params, layout } = net;
  if (net.hidden === 0) return { a: params[layout.w2]!, b: params[layout.w2 + 1]!, c: params[layout.b2]! };
  const row = layout.w1 + 2 * unit;
  return { a: params[row]!, b: params[row + 1]!, c: params[layout.b1 + unit]! };
}

/**
 * Each hidden unit's line w·x + b = 0 inside [−extent, extent]² and its active side; for a single
 * neuron (hidden 0), its one line.
 *
 * @throws NnInputError if the net does not take 2 inputs.
 * @example unitLines(net, DATASET_EXTENT).map((line) => describeUnitLine(line))
 */
export function unitLines(net: Mlp, extent: number): UnitLine[] {
  assertPlaneNet(net);
  const count = Math.max(1, net.hidden);
  const lines: UnitLine[] = [];
  for (let j = 0; j < count; j++) lines.push(lineInPlot(unitLine2(net, j), extent, j));
  return lines;
}

/**
 * True when the net computes one linear function of its inputs: hidden 0, or the linear
 * activation. Takes a net or a run's config (a tile knows the config, not the weights).
 */
export function isLinearNet(net: Pick<Mlp, "hidden" | "activation">): boolean {
  return net.hidden === 0 || net.activation === "linear";
}

/**
 * The one linear function a linear net collapses to: logit = a·x + b·y + c with
 * (a, b) = Σⱼ vⱼ·wⱼ and c = Σⱼ vⱼ·bⱼ + b₂ (matrix multiplication is associative). Null for a net
 * with a non-linear activation, which has no single decision line.
 *
 * @example collapseLinear(net) // { a: 0.3, b: -1.2, c: 0.05 } for a 2-8-1 linear net
 */
export function collapseLinear(net: Mlp): Line2 | null {
  assertPlaneNet(net);
  if (!isLinearNet(net)) return null;
  if (net.hidden === 0) return unitLine2(net, 0);
  const { params, layout } = net;
  let a = 0;
  let b = 0;
  let c = 0;
  for (let j = 0; j < net.hidden; j++) {
    const v = params[layout.w2 + j]!;
    a += v * params[layout.w1 + 2 * j]!;
    b += v * params[layout.w1 + 2 * j + 1]!;
    c += v * params[layout.b1 + j]!;
  }
  return { a, b, c: c + params[layout.b2]! };
}

/**
 * A linear net's decision line (output probability 0.5, logit 0) inside the plot; its active side
 * is where the net predicts class 1. Null for a non-linear net.
 *
 * @example decisionLine(initMlp({ hidden: 0, seed: 1 }), DATASET_EXTENT)?.segment
 */
export function decisionLine(net: Mlp, extent: number): UnitLine | null {
  const line = collapseLinear(net);
  return line === null ? null : lineInPlot(line, extent);
}

function assertPlaneNet(net: Mlp): void {
  if (net.inputs !== 2) throw new NnInputError(`lines need a 2-input net, got ${net.inputs} inputs`);
}

function clamp(v: number, extent: number): number {
  return v > extent ? extent : v < -extent ? -extent : v;
}
