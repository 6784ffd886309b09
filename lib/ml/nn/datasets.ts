import type { Dataset } from "./data";
import { NnInputError } from "./errors";
import { createRng, type Rng } from "./rng";
import { assertFinite, assertIntInRange, assertOneOf } from "./validate";

/** The classroom's datasets: four that need a hidden layer and one (`gaussian`) that does not. */
export const DATASETS = ["xor", "checkerboard", "circles", "spiral", "gaussian"] as const;
export type DatasetName = (typeof DATASETS)[number];

/**
 * Every dataset lives in the square [-2, 2]²: the shapes themselves reach about ±1.6 and points
 * are clamped to the square, so decision maps drawn over ±DATASET_EXTENT show all points with a
 * margin where the boundary's behaviour off the data is visible. Data units.
 */
export const DATASET_EXTENT = 2;
/** Points per dataset by default (the chapter's XOR has 200). */
export const DEFAULT_N = 200;
/** Fewest and most points accepted: 2 gives one per class; 20,000 bounds a Worker's memory. */
export const MIN_N = 2;
export const MAX_N = 20_000;
/** Largest noise accepted, in data units: beyond the extent the shapes are gone entirely. */
export const MAX_NOISE = DATASET_EXTENT;

/**
 * Default noise per dataset: the standard deviation, in data units, of the Gaussian jitter added
 * to each coordinate. For `xor` and `gaussian` it is the spread of each cluster; the defaults keep
 * the clusters apart (XOR's nearest boundary is 4σ from a cluster centre).
 */
export const DEFAULT_NOISE: Readonly<Record<DatasetName, number>> = {
  xor: 0.25,
  checkerboard: 0.05,
  circles: 0.1,
  spiral: 0.08,
  gaussian: 0.3,
};

/** XOR cluster centres sit at (±1, ±1). */
const XOR_CENTRE = 1;
/** The checkerboard: 4 × 4 cells covering [-1.6, 1.6]². */
const CHECKER_CELLS = 4;
const CHECKER_HALF_WIDTH = 1.6;
/** Circles: class 1 fills a disc of radius 0.6; class 0 a ring from radius 1 to 1.5. */
const INNER_RADIUS = 0.6;
const RING_INNER_RADIUS = 1;
const RING_OUTER_RADIUS = 1.5;
/** Spiral: each arm winds 1.25 turns while its radius grows from 0.1 to 1.5. */
const SPIRAL_TURNS = 1.25;
const SPIRAL_START_RADIUS = 0.1;
const SPIRAL_END_RADIUS = 1.5;
/** Gaussian: the class centres sit at ∓(0.8, 0.8), 1.13 units from the boundary x + y = 0. */
const GAUSSIAN_CENTRE = 0.8;
const TWO_PI = 2 * Math.PI;

/** Options for {@link makeDataset}. */
export type MakeDatasetOptions = {
  /** Number of points, 2…20,000; default 200. */
  n?: number;
  /** Gaussian jitter standard deviation in data units, 0…2; default `DEFAULT_NOISE[name]`. */
  noise?: number;
  /** Any integer; the same seed gives the same points in every engine (to ~1e-15). */
  seed: number;
};

/**
 * Generates a 2-D labelled dataset: point i has label i % 2, so the classes alternate and are
 * balanced (n/2 each for even n; class 0 has the extra point for odd n). Each point is drawn from
 * its class's shape, jittered by `noise` in each coordinate and clamped to ±DATASET_EXTENT; the
 * label comes from the shape, so large noise can carry a point across the boundary.
 *
 * - `xor`: clusters at (±1, ±1); class 0 at (+,+) and (−,−), class 1 where sign(x) ≠ sign(y).
 * - `checkerboard`: 4 × 4 cells over [-1.6, 1.6]², uniform within a cell; the bottom-left cell is class 0.
 * - `circles`: class 1 uniform in the disc r ≤ 0.6, class 0 uniform in the ring 1 ≤ r ≤ 1.5.
 * - `spiral`: two interleaved arms of 1.25 turns; class 1's arm is class 0's rotated by π.
 * - `gaussian`: class 0 around (−0.8, −0.8), class 1 around (0.8, 0.8), spread `noise`.
 *
 * @throws NnInputError on an unknown name or an out-of-range option.
 * @example const data = makeDataset("xor", { seed: 1 }); // 200 points, noise 0.25
 */
export function makeDataset(name: DatasetName, options: MakeDatasetOptions): Dataset {
  assertOneOf(name, DATASETS, "dataset");
  const { n = DEFAULT_N, noise = DEFAULT_NOISE[name], seed } = options;
  assertIntInRange(n, MIN_N, MAX_N, "n");
  assertFinite(noise, "noise");
  if (noise < 0 || noise > MAX_NOISE) throw new NnInputError(`noise must be in [0, ${MAX_NOISE}], got ${noise}`);
  const rng = createRng(seed);
  const xs = new Float64Array(2 * n);
  const ys = new Float64Array(n);
  const point: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    SHAPES[name](label, Math.floor(i / 2), rng, point);
    xs[2 * i] = clamp(point[0] + noise * rng.normal());
    xs[2 * i + 1] = clamp(point[1] + noise * rng.normal());
    ys[i] = label;
  }
  return { xs, ys };
}

/** Writes one noiseless point of class `label` into `out`; `k` counts points of that class so far. */
type Shape = (label: number, k: number, rng: Rng, out: [number, number]) => void;

const SHAPES: Readonly<Record<DatasetName, Shape>> = {
  xor: (label, k, _rng, out) => {
    // Alternate the two quadrants of each class so both get the same number of points.
    const sx = k % 2 === 0 ? 1 : -1;
    const sy = label === 0 ? sx : -sx;
    out[0] = sx * XOR_CENTRE;
    out[1] = sy * XOR_CENTRE;
  },
  checkerboard: (label, _k, rng, out) => {
    const cell = (2 * CHECKER_HALF_WIDTH) / CHECKER_CELLS;
    const col = rng.int(CHECKER_CELLS);
    // Rows of the right parity: (col + row) % 2 === label.
    const row = 2 * rng.int(CHECKER_CELLS / 2) + ((col + label) % 2);
    out[0] = -CHECKER_HALF_WIDTH + (col + rng.next()) * cell;
    out[1] = -CHECKER_HALF_WIDTH + (row + rng.next()) * cell;
  },
  circles: (label, _k, rng, out) => {
    // Radius by inverse CDF of area, so points are uniform over the disc or ring.
    const u = rng.next();
    const r =
      label === 1
        ? INNER_RADIUS * Math.sqrt(u)
        : Math.sqrt(RING_INNER_RADIUS ** 2 + u * (RING_OUTER_RADIUS ** 2 - RING_INNER_RADIUS ** 2));
    const angle = TWO_PI * rng.next();
    out[0] = r * Math.cos(angle);
    out[1] = r * Math.sin(angle);
  },
  spiral: (label, _k, rng, out) => {
    const t = rng.next();
    const r = SPIRAL_START_RADIUS + t * (SPIRAL_END_RADIUS - SPIRAL_START_RADIUS);
    const angle = t * SPIRAL_TURNS * TWO_PI + label * Math.PI;
    out[0] = r * Math.cos(angle);
    out[1] = r * Math.sin(angle);
  },
  gaussian: (label, _k, _rng, out) => {
    const centre = label === 1 ? GAUSSIAN_CENTRE : -GAUSSIAN_CENTRE;
    out[0] = centre;
    out[1] = centre;
  },
};

function clamp(v: number): number {
  return v > DATASET_EXTENT ? DATASET_EXTENT : v < -DATASET_EXTENT ? -DATASET_EXTENT : v;
}
