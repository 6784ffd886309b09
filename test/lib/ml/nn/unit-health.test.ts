import { describe, expect, it } from "vitest";
import {
  type Activation,
  type Dataset,
  fromChapterWeights,
  initMlp,
  makeDataset,
  NnInputError,
  SATURATION_THRESHOLD,
  unitHealth,
} from "@/lib/ml/nn";

/** Four points, one per quadrant at (±1, ±1), labels as XOR. */
const quadrants: Dataset = {
  xs: new Float64Array([1, 1, 1, -1, -1, 1, -1, -1]),
  ys: new Float64Array([0, 1, 1, 0]),
};

/** A 3-unit net whose units have the given rows [wx, wy, b]. */
function craftedNet(activation: Activation, rows: [number, number, number][]) {
  return fromChapterWeights(
    {
      w1: rows.map(([wx, wy]) => [wx, wy]),
      b1: rows.map(([, , b]) => b),
      w2: [rows.map(() => 1)],
      b2: [0],
      activation,
    },
    { activation, singleNeuron: false },
  );
}

describe("unitHealth: dead ReLU units and saturated tanh/sigmoid units", () => {
  it("a ReLU unit that is zero on every point is dead; one positive point keeps it alive", () => {
    const net = craftedNet("relu", [
      [1, 1, -3], // z ≤ −1 everywhere: dead
      [1, 1, -2], // z = 0 at (1, 1), negative elsewhere: ReLU outputs 0 on every point, dead
      [1, 1, -1.999], // z = 0.001 at (1, 1): alive
    ]);
    expect(unitHealth(net, quadrants)).toEqual({ states: ["dead", "dead", "alive"], dead: 2, saturated: 0, hidden: 3 });
  });

  it(`a tanh or sigmoid unit with |z| > ${SATURATION_THRESHOLD} on every point is saturated, either sign`, () => {
    for (const activation of ["tanh", "sigmoid"] as const) {
      const net = craftedNet(activation, [
        [0, 0, 4.001], // z = 4.001 everywhere: saturated high
        [3, 3, 0], // z = ±6 on (1,1), (−1,−1) but 0 on the others: alive
        [5, 0, 0], // z = ±5 on every point, both tails: saturated
      ]);
      expect(unitHealth(net, quadrants)).toMatchObject({ states: ["saturated", "alive", "saturated"], saturated: 2 });
      const edge = craftedNet(activation, [[0, 0, SATURATION_THRESHOLD]]);
      expect(unitHealth(edge, quadrants).states).toEqual(["alive"]);
    }
  });

  it("linear units and a single neuron are never dead or saturated", () => {
    expect(unitHealth(craftedNet("linear", [[0, 0, -50]]), quadrants)).toMatchObject({ states: ["alive"], dead: 0 });
    expect(unitHealth(initMlp({ hidden: 0, seed: 1 }), quadrants)).toEqual({
      states: [],
      dead: 0,
      saturated: 0,
      hidden: 0,
    });
  });

  it("a freshly initialised ReLU net on XOR has few dead units; a huge negative bias kills them all", () => {
    const data = makeDataset("xor", { seed: 1 });
    const net = initMlp({ hidden: 8, seed: 1 });
    expect(unitHealth(net, data).dead).toBeLessThan(8);
    net.params.fill(-10, net.layout.b1, net.layout.b1 + 8);
    expect(unitHealth(net, data).dead).toBe(8);
  });

  it("refuses data of the wrong width", () => {
    expect(() =>
      unitHealth(initMlp({ hidden: 2, seed: 1 }), { xs: new Float64Array(3), ys: new Float64Array(1) }),
    ).toThrow(NnInputError);
  });
});
