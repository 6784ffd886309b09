import { createRng, type Matrix, type Vector } from "../ml/nn";

/** Hidden units of the forward-pass cell's network: enough for ReLU to clip some, few enough to read. */
export const CELL_HIDDEN = 4;
/** Weights are drawn uniformly from ±this: the chapter's small-network scale. */
const WEIGHT_RANGE = 1;
/** Weights are rounded to this many decimals so students can read them, yet sums still round. */
const WEIGHT_DECIMALS = 3;
/**
 * Mixed into the session's data seed so the cell's weights are not the first draws of the same
 * stream that places the data points (any fixed odd constant would do).
 */
const CELL_SEED_SALT = 0x5eed_c311;

/** The forward-pass cell's network in the chapter's shapes: w1 [4][2], b1 [4], w2 [1][4], b2 [1]. */
export type CellWeights = { w1: Matrix; b1: Vector; w2: Matrix; b2: Vector };

/**
 * The session's fixed weights for cell 2, the same for every student of the session: drawn from
 * `createRng(seed ^ salt)` with `next()` only (32-bit integer arithmetic, exact in every engine),
 * then rounded to {@link WEIGHT_DECIMALS} decimals — plain doubles whose sums round, so the order of
 * a sum shows in the last digits.
 *
 * @example const { w1, b1, w2, b2 } = cellWeights(settings.dataSeed);
 */
export function cellWeights(seed: number): CellWeights {
  const rng = createRng((seed ^ CELL_SEED_SALT) >>> 0);
  const scale = 10 ** WEIGHT_DECIMALS;
  const draw = () => Math.round((rng.next() * 2 - 1) * WEIGHT_RANGE * scale) / scale;
  const row = (length: number) => Array.from({ length }, draw);
  return {
    w1: Array.from({ length: CELL_HIDDEN }, () => row(2)),
    b1: row(CELL_HIDDEN),
    w2: [row(CELL_HIDDEN)],
    b2: row(1),
  };
}
