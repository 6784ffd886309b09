/** Deterministic inputs for the chapter-oracle test and its committed fixture. */
import { createRng, initMlp, type Matrix, type Rng, toChapterWeights, type Vector } from "@/lib/ml/nn";
import type { OracleCase } from "./chapter-oracle";

/** The chapter's four test points, one per quadrant. */
export const QUADRANT_POINTS: readonly Vector[] = [
  [1, 1],
  [-1, 1],
  [-1, -1],
  [1, -1],
];

/** Hand-picked 2-4-1 weights that solve XOR: |x − y| − |x + y| written with ReLUs. */
const XOR_SOLUTION = {
  w1: [
    [1, -1],
    [-1, 1],
    [1, 1],
    [-1, -1],
  ],
  b1: [0, 0, 0, 0],
  w2: [[1, 1, -1, -1]],
  b2: [0.25],
};

/** Fixed weights at the four quadrant points: the XOR solution and a seeded 2-8-1 init. */
export function quadrantCases(): OracleCase[] {
  const seeded = toChapterWeights(initMlp({ hidden: 8, seed: 2024 }));
  return [XOR_SOLUTION, seeded].flatMap((w) =>
    QUADRANT_POINTS.map((x) => ({ x: [...x], w1: w.w1, b1: w.b1, w2: w.w2, b2: w.b2 })),
  );
}

/**
 * Random shapes (1–6 inputs, 1–12 hidden, 1–3 outputs) with magnitudes from 1e-3 to 1e3 so
 * sums round differently in different orders, plus exact and negative zeros.
 */
export function randomCases(seed: number, count: number): OracleCase[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const inputs = 1 + rng.int(6);
    const hidden = 1 + rng.int(12);
    const outputs = 1 + rng.int(3);
    return {
      x: vector(rng, inputs),
      w1: matrix(rng, hidden, inputs),
      b1: vector(rng, hidden),
      w2: matrix(rng, outputs, hidden),
      b2: vector(rng, outputs),
    };
  });
}

function vector(rng: Rng, length: number): Vector {
  return Array.from({ length }, () => {
    const kind = rng.int(10);
    if (kind === 0) return 0;
    if (kind === 1) return -0;
    return rng.normal() * 10 ** (rng.int(7) - 3);
  });
}

function matrix(rng: Rng, rows: number, columns: number): Matrix {
  return Array.from({ length: rows }, () => vector(rng, columns));
}
