import { NnInputError } from "./errors";
import { assertAllFinite } from "./validate";

/**
 * The chapter's readable contract: plain arrays, one row per neuron, and the same arithmetic order
 * as the chapter's Python helpers in `llm/nn.py`, so both give bit-for-bit the same doubles.
 *
 * These are for teaching and for checking the fast path, not for training loops: every call
 * validates its arguments and allocates its result.
 */

/** One row of numbers, like the chapter's `Vector = list[float]`. */
export type Vector = number[];

/** Rows of numbers, one row per neuron, so a weight matrix has shape [out][in]. */
export type Matrix = number[][];

/**
 * `max(0, v)` for each element, as the chapter's `[max(0.0, value) for value in x]`.
 *
 * Python's `max(0.0, v)` returns its first argument unless `v` is strictly greater, so
 * `max(0.0, -0.0)` is `0.0`; `v > 0 ? v : 0` reproduces that, including the sign of zero.
 *
 * @example relu([-1, 0, 2.5]) // [0, 0, 2.5]
 */
export function relu(x: Vector): Vector {
  assertVector(x, "relu: x");
  return x.map((value) => (value > 0 ? value : 0));
}

/**
 * A linear layer `y = Wx + b`: for each row of `weight`, the sum of `x[i] * row[i]` accumulated
 * left to right starting from 0, then plus that row's bias.
 *
 * Starting from 0 and adding left to right is what CPython ≤ 3.11's `sum()` does; keeping the
 * order keeps the rounding identical. Unlike Python's `zip`, mismatched lengths are an error
 * rather than a silent truncation.
 *
 * @example linear([1, 2], [[3, 4], [5, 6]], [0.5, -1]) // [11.5, 16]
 */
export function linear(x: Vector, weight: Matrix, bias: Vector): Vector {
  assertVector(x, "linear: x");
  assertMatrix(weight, x.length, "linear: weight");
  assertVector(bias, "linear: bias");
  if (bias.length !== weight.length) {
    throw new NnInputError(
      `linear: bias has length ${bias.length} but weight has ${weight.length} rows (one bias per row)`,
    );
  }
  return weight.map((row, r) => {
    let acc = 0;
    for (let i = 0; i < x.length; i++) acc += (x[i] as number) * (row[i] as number);
    return acc + (bias[r] as number);
  });
}

/**
 * The chapter's 2-layer MLP forward pass: `linear(relu(linear(x, w1, b1)), w2, b2)`.
 * With `w2` of shape [1][hidden] the single output is the network's logit (before the sigmoid).
 *
 * @example mlpForward([1, -1], [[1, 0], [0, 1]], [0, 0], [[1, 1]], [0]) // [1]
 */
export function mlpForward(x: Vector, w1: Matrix, b1: Vector, w2: Matrix, b2: Vector): Vector {
  const hidden = relu(linear(x, w1, b1));
  return linear(hidden, w2, b2);
}

function assertVector(v: unknown, what: string): asserts v is Vector {
  if (!Array.isArray(v)) throw new NnInputError(`${what} must be an array of numbers`);
  assertAllFinite(v, what);
}

function assertMatrix(m: unknown, columns: number, what: string): asserts m is Matrix {
  if (!Array.isArray(m)) throw new NnInputError(`${what} must be an array of rows`);
  m.forEach((row: unknown, r: number) => {
    assertVector(row, `${what}[${r}]`);
    if (row.length !== columns) {
      throw new NnInputError(`${what}[${r}] has length ${row.length}, expected ${columns} (the input length)`);
    }
  });
}
