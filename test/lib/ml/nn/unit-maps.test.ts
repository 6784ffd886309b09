import { describe, expect, it } from "vitest";
import {
  type Activation,
  DATASET_EXTENT,
  decisionMap,
  initMlp,
  linear,
  makeDataset,
  NnDivergedError,
  NnInputError,
  toChapterWeights,
  train,
  UNIT_MAP_NEUTRAL,
  unitMaps,
} from "@/lib/ml/nn";

const E = DATASET_EXTENT;
const ACTIVATION_FUNCTIONS: Record<Activation, (z: number) => number> = {
  relu: (z) => Math.max(0, z),
  tanh: Math.tanh,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  linear: (z) => z,
};

/** Each unit's contribution v·act(w·x + b) at every pixel centre, from the chapter's readable `linear`. */
function oracleContributions(activation: Activation, hidden: number, seed: number, resolution: number): number[][] {
  const net = initMlp({ hidden, activation, seed });
  train(net, makeDataset("xor", { seed }), { lr: 0.1, steps: 80 });
  const { w1, b1, w2 } = toChapterWeights(net);
  const step = (2 * E) / resolution;
  const act = ACTIVATION_FUNCTIONS[activation];
  const units: number[][] = Array.from({ length: hidden }, () => []);
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      const z = linear([-E + (c + 0.5) * step, E - (r + 0.5) * step], w1, b1);
      for (let j = 0; j < hidden; j++) units[j]!.push(w2[0]![j]! * act(z[j]!));
    }
  }
  return units;
}

describe("unitMaps", () => {
  for (const activation of ["relu", "tanh", "sigmoid", "linear"] as const) {
    it(`scales each ${activation} unit's contribution by its own largest, 128 meaning nothing`, () => {
      const resolution = 12;
      const hidden = 4;
      const net = initMlp({ hidden, activation, seed: 7 });
      train(net, makeDataset("xor", { seed: 7 }), { lr: 0.1, steps: 80 });
      const maps = unitMaps(net, { resolution, extent: E });
      expect(maps.length).toBe(hidden * resolution * resolution);
      oracleContributions(activation, hidden, 7, resolution).forEach((values, j) => {
        const largest = Math.max(...values.map(Math.abs));
        const expected = values.map((value) => Math.round(128 + (127 * value) / largest));
        expect(Array.from(maps.subarray(j * resolution ** 2, (j + 1) * resolution ** 2))).toEqual(expected);
      });
    });
  }

  it("draws a ReLU unit warm where it is active when its outgoing weight is positive, cool when negative", () => {
    const net = initMlp({ hidden: 2, activation: "relu", seed: 1 });
    // Unit 0: active right of x = 0, outgoing +1. Unit 1: active above y = 0, outgoing −1.
    net.params.set([1, 0, 0, 1], net.layout.w1);
    net.params.set([0, 0], net.layout.b1);
    net.params.set([1, -1], net.layout.w2);
    const resolution = 4;
    const maps = unitMaps(net, { resolution, extent: E });
    const unit = (j: number, row: number, col: number) => maps[j * 16 + row * resolution + col]!;
    expect(unit(0, 0, 3)).toBe(255);
    expect(unit(0, 0, 0)).toBe(UNIT_MAP_NEUTRAL);
    expect(unit(1, 0, 0)).toBe(1);
    expect(unit(1, 3, 0)).toBe(UNIT_MAP_NEUTRAL);
  });

  it("gives a unit that adds nothing (outgoing weight 0) a neutral map", () => {
    const net = initMlp({ hidden: 1, activation: "tanh", seed: 2 });
    net.params[net.layout.w2] = 0;
    expect(new Set(unitMaps(net, { resolution: 5, extent: E }))).toEqual(new Set([UNIT_MAP_NEUTRAL]));
  });

  it("is the decision map itself for a single neuron", () => {
    const net = initMlp({ hidden: 0, seed: 3 });
    expect(unitMaps(net, { resolution: 16, extent: E })).toEqual(decisionMap(net, { resolution: 16, extent: E }));
  });

  it("refuses a diverged net and bad options", () => {
    const net = initMlp({ hidden: 3, seed: 4 });
    expect(() => unitMaps(net, { resolution: 0, extent: E })).toThrow(NnInputError);
    expect(() => unitMaps(net, { resolution: 8, extent: -1 })).toThrow(NnInputError);
    net.params[0] = Number.NaN;
    expect(() => unitMaps(net, { resolution: 8, extent: E })).toThrow(NnDivergedError);
  });
});
