import { createRng } from "./rng";
import { assertInRange, assertIntInRange, assertOneOf } from "./validate";

/** Hidden-layer activations the trainer supports. */
export const ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Optimizers `mlpStep` supports; their state lives in the net. */
export const OPTIMIZERS = ["sgd", "momentum", "adam"] as const;
export type Optimizer = (typeof OPTIMIZERS)[number];

/** Largest hidden layer accepted: 256 units keeps a 100 × 100 map well under a frame on a laptop. */
export const MAX_HIDDEN = 256;
/** Largest input width accepted; the classroom uses 2, the bound only stops runaway allocations. */
export const MAX_INPUTS = 64;
/** The default initialisation unscaled: He / Glorot as documented on {@link initMlp}. */
export const DEFAULT_INIT_SCALE = 1;
/**
 * Largest init scale accepted. Beyond 100 × He the first logits are in the hundreds and the
 * sigmoid saturates at once; the bound only keeps the weights far from overflow.
 */
export const MAX_INIT_SCALE = 100;

/**
 * Offsets of each parameter block inside `Mlp.params` (and `Mlp.grad`, laid out the same way).
 *
 * - hidden ≥ 1: `W1` [hidden][inputs] row-major at `w1`, `b1` [hidden] at `b1`, `W2` [1][hidden]
 *   at `w2`, `b2` [1] at `b2`.
 * - hidden = 0 (one neuron, logistic regression): `W1` and `b1` are empty; the output neuron reads
 *   the inputs directly, so `W2` is [1][inputs] at `w2` and `b2` [1] at `b2`.
 */
export type MlpLayout = {
  readonly w1: number;
  readonly b1: number;
  readonly w2: number;
  readonly b2: number;
  /** Total number of parameters. */
  readonly size: number;
};

/** Optimizer memory: `m` is momentum's velocity or Adam's first moment, `v` Adam's second moment. */
export type OptimizerState = {
  /** The optimizer the state belongs to; switching optimizers starts from zero state. */
  kind: Optimizer | null;
  /** Adam's step counter for bias correction. */
  t: number;
  readonly m: Float64Array;
  readonly v: Float64Array;
};

/** Result of one `mlpStep`; the same object is reused by every step of a net. */
export type StepResult = {
  net: Mlp;
  /** Mean binary cross-entropy before the update (nats). */
  loss: number;
  /** True once the loss is non-finite or above 10 × the net's first loss; see `isDiverged`. */
  diverged: boolean;
};

/**
 * Buffers reused across calls so training and maps allocate nothing once warmed up.
 * Internal: sizes change when the dataset length or map resolution changes.
 */
export type MlpScratch = {
  /** Points the per-point buffers are sized for. */
  n: number;
  /** Hidden activations, [hidden][n] (unit-major so each unit sweeps contiguous memory). */
  act: Float64Array;
  /** Per-point logits, then dLoss/dlogit. */
  perPoint: Float64Array;
  result: StepResult | null;
  /** Decision map: per-unit column terms [hidden][resolution] and one row of logits. */
  mapColumns: Float64Array;
  mapRow: Float64Array;
};

/**
 * A two-layer perceptron (inputs → hidden → 1) with a sigmoid output, or a single neuron when
 * `hidden` is 0. A plain object of numbers and typed arrays, so it survives `postMessage`.
 */
export type Mlp = {
  readonly inputs: number;
  readonly hidden: number;
  readonly activation: Activation;
  readonly layout: MlpLayout;
  /** All parameters, flat; see {@link MlpLayout}. */
  readonly params: Float64Array;
  /** dLoss/dparams from the last `mlpStep` or `computeGradients`, laid out like `params`. */
  readonly grad: Float64Array;
  readonly optimizer: OptimizerState;
  /** Steps taken so far. */
  steps: number;
  /** Loss at the first step; the reference for divergence. NaN before any step. */
  initialLoss: number;
  scratch: MlpScratch;
};

/** Options for {@link initMlp}. */
export type InitMlpOptions = {
  /** Input width; default 2 (a point in the plane). */
  inputs?: number;
  /** Hidden units, 0…256; 0 means a single neuron (the previous chapter's perceptron). */
  hidden: number;
  /** Hidden activation; default `relu`. Ignored when `hidden` is 0. */
  activation?: Activation;
  /** Seed for the initial weights; any integer (see `createRng`). */
  seed: number;
  /**
   * Factor on every initial weight's standard deviation, 0…{@link MAX_INIT_SCALE}; default 1.
   * Small scales start the net near the saddle at zero weights, where the chapter's early
   * plateau shows; 0 starts every weight at 0, where hidden units stay identical forever.
   */
  initScale?: number;
};

/** Parameter offsets for a net of this shape. */
export function mlpLayout(inputs: number, hidden: number): MlpLayout {
  if (hidden === 0) return { w1: 0, b1: 0, w2: 0, b2: inputs, size: inputs + 1 };
  const b1 = hidden * inputs;
  return { w1: 0, b1, w2: b1 + hidden, b2: b1 + 2 * hidden, size: b1 + 2 * hidden + 1 };
}

/**
 * Creates a net with seeded random weights and zero biases.
 *
 * Hidden weights are drawn from N(0, σ²) with σ suited to the activation: He (σ² = 2 / inputs)
 * for ReLU, which zeroes half its inputs; Glorot (σ² = 2 / (inputs + hidden)) for tanh, sigmoid and
 * linear. The output neuron feeds a sigmoid, so it always uses Glorot (σ² = 2 / (fanIn + 1)).
 * Draw order: W1 row by row, then W2. `initScale` multiplies both standard deviations, and so
 * every weight: the same seed at scale s gives exactly s × the weights at scale 1.
 *
 * @example const net = initMlp({ hidden: 8, seed: 1 }); // 2-8-1 ReLU, 33 parameters
 * @example const small = initMlp({ hidden: 8, seed: 1, initScale: 0.01 }); // starts on the XOR plateau
 */
export function initMlp(options: InitMlpOptions): Mlp {
  const { inputs = 2, hidden, activation = "relu", seed, initScale = DEFAULT_INIT_SCALE } = options;
  assertIntInRange(inputs, 1, MAX_INPUTS, "inputs");
  assertIntInRange(hidden, 0, MAX_HIDDEN, "hidden");
  assertOneOf(activation, ACTIVATIONS, "activation");
  assertInRange(initScale, 0, MAX_INIT_SCALE, "initScale");
  const rng = createRng(seed);
  const net = allocateMlp(inputs, hidden, activation);
  const { params, layout } = net;
  if (hidden > 0) {
    const heOrGlorot = activation === "relu" ? Math.sqrt(2 / inputs) : Math.sqrt(2 / (inputs + hidden));
    const hiddenStd = heOrGlorot * initScale;
    for (let i = 0; i < hidden * inputs; i++) params[layout.w1 + i] = rng.normal() * hiddenStd;
  }
  const fanIn = hidden === 0 ? inputs : hidden;
  const outputStd = Math.sqrt(2 / (fanIn + 1)) * initScale;
  for (let i = 0; i < fanIn; i++) params[layout.w2 + i] = rng.normal() * outputStd;
  return net;
}

/** A zero-initialised net of the given shape (internal; callers validate the shape first). */
export function allocateMlp(inputs: number, hidden: number, activation: Activation): Mlp {
  const layout = mlpLayout(inputs, hidden);
  return {
    inputs,
    hidden,
    activation,
    layout,
    params: new Float64Array(layout.size),
    grad: new Float64Array(layout.size),
    optimizer: { kind: null, t: 0, m: new Float64Array(layout.size), v: new Float64Array(layout.size) },
    steps: 0,
    initialLoss: Number.NaN,
    scratch: {
      n: 0,
      act: new Float64Array(0),
      perPoint: new Float64Array(0),
      result: null,
      mapColumns: new Float64Array(0),
      mapRow: new Float64Array(0),
    },
  };
}

/**
 * Sizes the per-point scratch for `n` points. Reallocates only when `n` changes, so a training
 * loop on one dataset allocates once.
 */
export function ensurePointScratch(net: Mlp, n: number): MlpScratch {
  const scratch = net.scratch;
  if (scratch.n !== n) {
    scratch.n = n;
    scratch.act = new Float64Array(net.hidden * n);
    scratch.perPoint = new Float64Array(n);
  }
  return scratch;
}

/** Forgets optimizer memory, step count and the divergence reference (e.g. after new data). */
export function resetTraining(net: Mlp): void {
  net.optimizer.kind = null;
  net.optimizer.t = 0;
  net.optimizer.m.fill(0);
  net.optimizer.v.fill(0);
  net.steps = 0;
  net.initialLoss = Number.NaN;
}
