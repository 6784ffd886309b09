import type { Matrix, Vector } from "./contract";
import { NnInputError } from "./errors";
import { ACTIVATIONS, type Activation, allocateMlp, MAX_HIDDEN, MAX_INPUTS, type Mlp } from "./mlp";
import { assertAllFinite, assertOneOf } from "./validate";

/**
 * A net's parameters as the chapter's nested arrays, exactly what its
 * `mlp_forward(x, w1, b1, w2, b2)` takes: `w1` [hidden][inputs], `b1` [hidden], `w2` [1][hidden],
 * `b2` [1]. The output of `linear(act(linear(x, w1, b1)), w2, b2)` is the network's logit; for a
 * ReLU net that is the chapter's `mlpForward` exactly, for other activations the shapes are the
 * same and `activation` says which function sits between the layers.
 *
 * A single neuron (hidden 0) is written as a hidden layer of one unit with the `linear`
 * (identity) activation and an identity output layer: `w1 = [[w…]]`, `b1 = [b]`, `w2 = [[1]]`,
 * `b2 = [0]`, `activation: "linear"`. Passing it through the layers returns the neuron's logit
 * unchanged (1·z + 0 = z exactly). Note that the chapter's ReLU `mlp_forward` would clip a negative
 * logit here, which is why `activation` says `linear`.
 */
export type ChapterWeights = {
  w1: Matrix;
  b1: Vector;
  w2: Matrix;
  b2: Vector;
  activation: Activation;
};

/**
 * Copies a net's parameters into the chapter's nested-array form. See {@link ChapterWeights}.
 *
 * @example const { w1, b1, w2, b2 } = toChapterWeights(net); mlpForward([1, -1], w1, b1, w2, b2)
 */
export function toChapterWeights(net: Mlp): ChapterWeights {
  const { inputs, hidden, params, layout } = net;
  if (hidden === 0) {
    return {
      w1: [Array.from(params.subarray(layout.w2, layout.w2 + inputs))],
      b1: [params[layout.b2]!],
      w2: [[1]],
      b2: [0],
      activation: "linear",
    };
  }
  const w1: Matrix = [];
  for (let j = 0; j < hidden; j++) {
    const row = layout.w1 + j * inputs;
    w1.push(Array.from(params.subarray(row, row + inputs)));
  }
  return {
    w1,
    b1: Array.from(params.subarray(layout.b1, layout.b1 + hidden)),
    w2: [Array.from(params.subarray(layout.w2, layout.w2 + hidden))],
    b2: [params[layout.b2]!],
    activation: net.activation,
  };
}

/** Options for {@link fromChapterWeights}. */
export type FromChapterWeightsOptions = {
  activation: Activation;
  /**
   * Read the weights as a single neuron (hidden 0). Default: inferred — true exactly when the
   * weights have the single-neuron form of {@link ChapterWeights} (one `linear` unit, `w2 = [[1]]`,
   * `b2 = [0]`). A one-unit linear net with exactly those output weights computes the same
   * function, so inferring loses nothing; pass `false` to keep it as hidden 1.
   */
  singleNeuron?: boolean;
};

/**
 * Builds a net from the chapter's nested arrays (the inverse of {@link toChapterWeights}),
 * validating every shape and value. The result has fresh optimizer state.
 *
 * @throws NnInputError naming the first wrong shape or non-finite value.
 * @example const net = fromChapterWeights(weights, { activation: weights.activation });
 */
export function fromChapterWeights(weights: ChapterWeights, options: FromChapterWeightsOptions): Mlp {
  const { activation } = options;
  assertOneOf(activation, ACTIVATIONS, "activation");
  if (weights === null || typeof weights !== "object") throw new NnInputError("weights must be an object");
  const { w1, b1, w2, b2 } = weights;
  if (!Array.isArray(w1) || w1.length < 1 || w1.length > MAX_HIDDEN) {
    throw new NnInputError(`w1 must have 1…${MAX_HIDDEN} rows (one per hidden unit)`);
  }
  const hidden = w1.length;
  const inputs = Array.isArray(w1[0]) ? w1[0].length : 0;
  if (inputs < 1 || inputs > MAX_INPUTS)
    throw new NnInputError(`w1 rows must have 1…${MAX_INPUTS} entries (one per input)`);
  w1.forEach((row, j) => {
    checkVector(row, inputs, `w1[${j}]`);
  });
  checkVector(b1, hidden, "b1");
  if (!Array.isArray(w2) || w2.length !== 1) throw new NnInputError("w2 must have exactly 1 row (one output neuron)");
  checkVector(w2[0], hidden, "w2[0]");
  checkVector(b2, 1, "b2");

  const looksSingle = hidden === 1 && activation === "linear" && w2[0]?.[0] === 1 && b2[0] === 0;
  const single = options.singleNeuron ?? looksSingle;
  if (single && !looksSingle) {
    throw new NnInputError(
      'singleNeuron weights must be w1 [1][inputs], b1 [1], w2 [[1]], b2 [0], activation "linear"',
    );
  }
  const net = allocateMlp(inputs, single ? 0 : hidden, activation);
  const { params, layout } = net;
  if (single) {
    params.set(w1[0]!, layout.w2);
    params[layout.b2] = b1[0]!;
    return net;
  }
  w1.forEach((row, j) => {
    params.set(row, layout.w1 + j * inputs);
  });
  params.set(b1, layout.b1);
  params.set(w2[0]!, layout.w2);
  params[layout.b2] = b2[0]!;
  return net;
}

function checkVector(v: unknown, length: number, what: string): asserts v is Vector {
  if (!Array.isArray(v) || v.length !== length) {
    throw new NnInputError(`${what} must be an array of ${length} numbers`);
  }
  assertAllFinite(v, what);
}
