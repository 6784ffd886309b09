import { NnDivergedError, NnInputError } from "./errors";
import type { Mlp } from "./mlp";
import { allFinite, assertIntInRange, assertPositive } from "./validate";

/** Largest map side accepted: 1024² bytes is 1 MiB, far beyond any canvas the classroom draws. */
export const MAX_MAP_RESOLUTION = 1024;
/** Probability levels in the quantized map: p = 1 becomes 255. */
const LEVELS = 255;

/** Options for {@link decisionMap}. */
export type DecisionMapOptions = {
  /** Pixels per side, 1…1024. */
  resolution: number;
  /** Half-width of the square in data units; the map covers [-extent, extent]². Use `DATASET_EXTENT`. */
  extent: number;
  /** Buffer of length resolution² to fill instead of allocating one. */
  out?: Uint8Array;
};

/**
 * The probability of class 1 over a resolution × resolution grid, quantized to 0…255
 * (`Math.round(p * 255)`), row-major with row 0 at the top — ready for an ImageData alpha or
 * colour ramp. With `step = 2 * extent / resolution`, pixel (row, col) is sampled at its centre:
 *
 *     x = -extent + (col + 0.5) * step        y = extent - (row + 0.5) * step
 *
 * so y = +extent is the top edge. Per map, each unit's `w·x` is computed once per column and its
 * `w·y + b` once per row, so a pixel costs one add, one activation and one multiply-add per unit
 * (for ReLU, only over the run of columns where the unit is active); the probability is quantized
 * by comparing the logit with precomputed level edges, without evaluating the sigmoid.
 *
 * @throws NnInputError if the net does not take 2 inputs or the options are out of range.
 * @throws NnDivergedError if the net's parameters are not all finite (a diverged run).
 * @example const pixels = decisionMap(net, { resolution: 100, extent: DATASET_EXTENT });
 */
export function decisionMap(net: Mlp, options: DecisionMapOptions): Uint8Array {
  const { resolution, extent, out } = options;
  if (net.inputs !== 2) throw new NnInputError(`decisionMap needs a 2-input net, got ${net.inputs} inputs`);
  assertIntInRange(resolution, 1, MAX_MAP_RESOLUTION, "resolution");
  assertPositive(extent, "extent");
  const size = resolution * resolution;
  if (out !== undefined && (!(out instanceof Uint8Array) || out.length !== size)) {
    throw new NnInputError(`out must be a Uint8Array of length ${size} (resolution²)`);
  }
  if (!allFinite(net.params)) {
    throw new NnDivergedError("the network's parameters are not finite (the run diverged); there is no map to draw");
  }
  const pixels = out ?? new Uint8Array(size);
  const step = (2 * extent) / resolution;
  const { params, layout, hidden, activation, scratch } = net;
  // Sized per resolution and kept in the net, so redrawing every frame allocates nothing.
  if (scratch.mapRow.length !== resolution || scratch.mapColumns.length !== hidden * resolution) {
    scratch.mapRow = new Float64Array(resolution);
    scratch.mapColumns = new Float64Array(hidden * resolution);
  }
  const row = scratch.mapRow;
  if (hidden === 0) {
    fillSingleNeuron(net, pixels, row, extent, step);
    return pixels;
  }
  const columns = scratch.mapColumns;
  for (let j = 0; j < hidden; j++) {
    const wx = params[layout.w1 + 2 * j]!;
    for (let c = 0; c < resolution; c++) columns[j * resolution + c] = wx * (-extent + (c + 0.5) * step);
  }
  const b2 = params[layout.b2]!;
  for (let r = 0; r < resolution; r++) {
    const y = extent - (r + 0.5) * step;
    row.fill(b2);
    for (let j = 0; j < hidden; j++) {
      const rowTerm = params[layout.w1 + 2 * j + 1]! * y + params[layout.b1 + j]!;
      const v = params[layout.w2 + j]!;
      const base = j * resolution;
      switch (activation) {
        case "relu": {
          // Only the run of columns where the unit is active contributes; see activeEdge.
          const isRising = params[layout.w1 + 2 * j]! >= 0;
          const edge = activeEdge(columns, base, resolution, rowTerm, isRising);
          const from = isRising ? edge : 0;
          const to = isRising ? resolution : edge;
          for (let c = from; c < to; c++) row[c] = row[c]! + v * (columns[base + c]! + rowTerm);
          break;
        }
        case "tanh":
          for (let c = 0; c < resolution; c++) row[c] = row[c]! + v * Math.tanh(columns[base + c]! + rowTerm);
          break;
        case "sigmoid":
          for (let c = 0; c < resolution; c++) {
            row[c] = row[c]! + v / (1 + Math.exp(-(columns[base + c]! + rowTerm)));
          }
          break;
        case "linear":
          for (let c = 0; c < resolution; c++) row[c] = row[c]! + v * (columns[base + c]! + rowTerm);
          break;
      }
    }
    quantizeRow(row, pixels, r * resolution, resolution);
  }
  return pixels;
}

/**
 * Along a row a unit's pre-activation z(c) = columns[base + c] + rowTerm is monotonic in c
 * (w·x for increasing x, and rounding preserves order), so the columns where z > 0 form one run
 * touching an edge. Returns, by binary search on the same rounded values the sweep uses, the
 * first active column when z rises with c, or the first inactive column when it falls. Sweeping
 * only that run skips the dead half of each unit without a per-pixel branch.
 */
function activeEdge(
  columns: Float64Array,
  base: number,
  resolution: number,
  rowTerm: number,
  isRising: boolean,
): number {
  let lo = 0;
  let hi = resolution;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const isActive = columns[base + mid]! + rowTerm > 0;
    if (isActive === isRising) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function fillSingleNeuron(net: Mlp, pixels: Uint8Array, row: Float64Array, extent: number, step: number): void {
  const { params, layout } = net;
  const resolution = row.length;
  const wx = params[layout.w2]!;
  const wy = params[layout.w2 + 1]!;
  const b = params[layout.b2]!;
  for (let r = 0; r < resolution; r++) {
    const rowTerm = wy * (extent - (r + 0.5) * step) + b;
    for (let c = 0; c < resolution; c++) row[c] = wx * (-extent + (c + 0.5) * step) + rowTerm;
    quantizeRow(row, pixels, r * resolution, resolution);
  }
}

/**
 * Level k of pixel c is the k with σ(l) in [(k − 0.5)/255, (k + 0.5)/255), i.e. round(255 · σ(l)),
 * found without evaluating σ: compare the logit with the precomputed logit of each level edge.
 * Neighbouring pixels have close logits, so the search starts from the previous pixel's level
 * and usually moves zero or one step; it never moves more than 255.
 */
function quantizeRow(logits: Float64Array, pixels: Uint8Array, offset: number, resolution: number): void {
  let level = 0;
  for (let c = 0; c < resolution; c++) {
    const l = logits[c]!;
    while (l >= LEVEL_EDGES[level + 1]!) level++;
    while (l < LEVEL_EDGES[level]!) level--;
    pixels[offset + c] = level;
  }
}

/**
 * LEVEL_EDGES[k] is the logit at which round(255 · σ) reaches level k: ln(q / (1 − q)) with
 * q = (k − 0.5)/255, for k = 1…255; index 0 is −∞ and index 256 is +∞ as sentinels, so both
 * loops above stop at the ends. (At an edge itself, double rounding of σ could differ by one level
 * from evaluating Math.round(255 · σ(l)) in floating point; this is the exact-arithmetic answer.)
 */
const LEVEL_EDGES = (() => {
  const edges = new Float64Array(LEVELS + 2);
  edges[0] = Number.NEGATIVE_INFINITY;
  for (let k = 1; k <= LEVELS; k++) edges[k] = Math.log((k - 0.5) / (LEVELS + 0.5 - k));
  edges[LEVELS + 1] = Number.POSITIVE_INFINITY;
  return edges;
})();
