import { describe, expect, it } from "vitest";
import {
  type Activation,
  accuracy,
  type Dataset,
  type DatasetName,
  DEFAULT_HIDDEN,
  DEFAULT_LR,
  DEFAULT_STEPS,
  initMlp,
  makeDataset,
  type Optimizer,
  SUGGESTED_LR,
  train,
} from "@/lib/ml/nn";

/** The chapter's bar for "XOR solved". */
const SOLVED = 0.97;
const INIT_SEEDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

type Run = { hidden?: number; activation?: Activation; optimizer?: Optimizer; lr?: number; seed: number };

/** Trains a fresh net with the classroom defaults unless overridden; returns accuracy and losses. */
function run(data: Dataset, { hidden = DEFAULT_HIDDEN, activation = "relu", optimizer = "sgd", lr, seed }: Run) {
  const net = initMlp({ hidden, activation, seed });
  const result = train(net, data, { lr: lr ?? SUGGESTED_LR[optimizer], optimizer, steps: DEFAULT_STEPS });
  return { accuracy: accuracy(net, data), ...result };
}

function solvedCount(data: Dataset, options: Omit<Run, "seed">): number {
  return INIT_SEEDS.filter((seed) => run(data, { ...options, seed }).accuracy >= SOLVED).length;
}

describe("as the chapter tells it", () => {
  const xor = makeDataset("xor", { seed: 1 });

  it("hidden 8 with ReLU solves the default noisy XOR (≥ 97 %) for at least 9 of 10 init seeds", () => {
    expect(DEFAULT_LR).toBe(SUGGESTED_LR.sgd);
    expect(solvedCount(xor, {})).toBeGreaterThanOrEqual(9);
    // And on other draws of the data, with the data seed tied to the init seed.
    const solved = INIT_SEEDS.filter(
      (seed) => run(makeDataset("xor", { seed: 100 + seed }), { seed }).accuracy >= SOLVED,
    );
    expect(solved.length).toBeGreaterThanOrEqual(9);
  });

  it("a single neuron (hidden 0) cannot do XOR, yet separates the gaussian blobs", () => {
    for (const seed of [0, 1, 2, 3, 4]) {
      expect(run(makeDataset("xor", { seed }), { hidden: 0, seed }).accuracy).toBeLessThan(0.8);
      expect(run(makeDataset("gaussian", { seed }), { hidden: 0, seed }).accuracy).toBeGreaterThanOrEqual(SOLVED);
    }
  });

  it("circles also need the hidden layer", () => {
    const circles = makeDataset("circles", { seed: 2 });
    expect(run(circles, { hidden: 0, seed: 2 }).accuracy).toBeLessThan(0.8);
    expect(run(circles, { seed: 2 }).accuracy).toBeGreaterThanOrEqual(SOLVED);
  });

  it("momentum and adam also solve XOR at their suggested rates", () => {
    expect(solvedCount(xor, { optimizer: "momentum" })).toBeGreaterThanOrEqual(9);
    expect(solvedCount(xor, { optimizer: "adam" })).toBeGreaterThanOrEqual(9);
  });

  it("tanh and sigmoid hidden units also solve XOR at the default rate", () => {
    expect(solvedCount(xor, { activation: "tanh" })).toBeGreaterThanOrEqual(9);
    expect(solvedCount(xor, { activation: "sigmoid" })).toBeGreaterThanOrEqual(9);
  });

  it("training is not always smooth: sigmoid units sit on a plateau near ln 2 before the drop", () => {
    for (const seed of INIT_SEEDS) {
      const { losses, accuracy: acc } = run(xor, { activation: "sigmoid", seed });
      const plateau = losses.subarray(0, 100);
      expect(Math.min(...plateau)).toBeGreaterThan(0.6); // ln 2 ≈ 0.693: no better than a coin
      expect(acc).toBeGreaterThanOrEqual(SOLVED);
    }
  });

  it("the ReLU loss curve falls by an order of magnitude", () => {
    const { losses } = run(xor, { seed: 3 });
    expect(losses[DEFAULT_STEPS - 1]).toBeLessThan((losses[0] as number) / 10);
  });

  it("every dataset trains without diverging at the defaults", () => {
    const names: DatasetName[] = ["xor", "checkerboard", "circles", "spiral", "gaussian"];
    for (const name of names) expect(run(makeDataset(name, { seed: 4 }), { seed: 4 }).status).toBe("done");
  });
});
