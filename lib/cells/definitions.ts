/**
 * The chapter's three runnable cells as a live class runs them: what each asks for, the stub the
 * editor starts from, and the cases the checker runs. Pure data; the checker is in check-cells.ts.
 */
import type { Matrix, Vector } from "../ml/nn";
import { XOR_PLATEAU } from "../ml/nn/plateau";

/** The cells, numbered as the chapter prints them (and as lib/protocol's `cell` field). */
export const CELL = { linear: 1, forwardPass: 2, training: 3 } as const;
/** One cell number. */
export type CellNumber = (typeof CELL)[keyof typeof CELL];
/** Every cell in order. */
export const CELL_NUMBERS: readonly CellNumber[] = [CELL.linear, CELL.forwardPass, CELL.training];

/**
 * Student code gets this long per run before its worker is terminated: the chapter's cells finish
 * in milliseconds (cell 3's 2,000 XOR steps in ~100 ms), so 2 s only ever stops an endless loop.
 */
export const CELL_TIME_LIMIT_MS = 2_000;

/** The message shown when student code hit {@link CELL_TIME_LIMIT_MS}. */
export const TIMEOUT_MESSAGE = `Your code ran too long (over ${CELL_TIME_LIMIT_MS / 1000} s) — an infinite loop?`;

/** What each cell is called in the stepper and on the teacher's badges. */
export const CELL_TITLES: Readonly<Record<CellNumber, string>> = {
  1: "Linear layer",
  2: "Forward pass",
  3: "Train on XOR",
};

/** The function each cell's code must define; the runner calls it. */
export const CELL_ENTRY: Readonly<Record<CellNumber, string>> = {
  1: "linear",
  2: "mlpForward",
  3: "trainXor",
};

/** The editor's starting code for each cell. */
export const CELL_STUBS: Readonly<Record<CellNumber, string>> = {
  1: `// A linear layer: y = W·x + b.
// weight has one row per output neuron, each row as long as x.
// For each row r: start from 0, add x[i] * weight[r][i] left to right,
// then add bias[r]. Return one number per row.
function linear(x, weight, bias) {
  const out = [];
  // your code here
  return out;
}
`,
  2: `// The MLP forward pass: a linear layer, ReLU, another linear layer.
// Your linear from cell 1 is available, and so is relu(v) (max(0, v) for each element).
function mlpForward(x, w1, b1, w2, b2) {
  // your code here
  return [];
}
`,
  3: `// Train on XOR. initMlp, mlpStep and the dataset (data) are given.
// Change the hidden size, the iterations, the learning rate or the init scale, then Run.
function trainXor(data) {
  const hidden = ${XOR_PLATEAU.hidden};
  const iterations = ${XOR_PLATEAU.steps};
  const lr = ${XOR_PLATEAU.lr};
  // Small starting weights (a hundredth of the default): watch the first few hundred losses.
  const initScale = ${XOR_PLATEAU.initScale};
  const net = initMlp({ hidden, seed: 1, initScale });
  const losses = [];
  for (let i = 0; i < iterations; i++) {
    const { loss } = mlpStep(net, data, { lr });
    losses.push(loss);
  }
  return { net, losses };
}
`,
};

/** One case of cell 1: the arguments of `linear(x, weight, bias)`. */
export type LinearCase = { name: string; x: Vector; weight: Matrix; bias: Vector };

/**
 * Cell 1's cases: a square layer, layers with more and fewer outputs than inputs (out ≠ in), a
 * bias that alone decides the output, and decimals whose sum depends on its order.
 */
export const LINEAR_CASES: readonly LinearCase[] = [
  {
    name: "2 inputs → 2 outputs",
    x: [1, 2],
    weight: [
      [3, 4],
      [5, 6],
    ],
    bias: [0.5, -1],
  },
  {
    name: "3 inputs → 2 outputs",
    x: [1, -2, 0.5],
    weight: [
      [1, 0, 2],
      [-1, 1, 1],
    ],
    bias: [0, 0],
  },
  { name: "1 input → 3 outputs", x: [2], weight: [[1], [-3], [0.5]], bias: [1, 2, 3] },
  { name: "the bias matters", x: [0, 0], weight: [[1, 1]], bias: [0.7] },
  {
    name: "decimals, sum order matters",
    x: [0.1, 0.1, 0.1],
    weight: [
      [0.1, 0.35, 0.3],
      [0.2, 0.1, 0.3],
    ],
    bias: [0.1, 0],
  },
];

/** Cell 2's test points: one per quadrant, as in the chapter. */
export const FORWARD_PASS_POINTS: readonly Vector[] = [
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
];
