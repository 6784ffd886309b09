import { MAX_HIDDEN, MAX_INPUTS, mlpLayout } from "./mlp";
import { assertIntInRange } from "./validate";

/**
 * How many numbers a net of this shape learns, as the chapter counts them: hidden 8 with 2 inputs
 * is 8×2 + 8 + 8 + 1 = 33 (W1, b1, W2, b2); a single neuron (hidden 0) is 2 + 1 = 3.
 *
 * @throws NnInputError on a shape `initMlp` would refuse.
 * @example parameterCount(8) // 33
 */
export function parameterCount(hidden: number, inputs = 2): number {
  assertIntInRange(hidden, 0, MAX_HIDDEN, "hidden");
  assertIntInRange(inputs, 1, MAX_INPUTS, "inputs");
  return mlpLayout(inputs, hidden).size;
}

/**
 * The count with the chapter's working shown, for a run's caption.
 *
 * @example parameterSum(8) // "8×2 + 8 + 8 + 1 = 33"; parameterSum(0) // "2 + 1 = 3"
 */
export function parameterSum(hidden: number, inputs = 2): string {
  const total = parameterCount(hidden, inputs);
  if (hidden === 0) return `${inputs} + 1 = ${total}`;
  return `${hidden}×${inputs} + ${hidden} + ${hidden} + 1 = ${total}`;
}
