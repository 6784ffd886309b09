import { describe, expect, it } from "vitest";
import {
  collapseLinear,
  DATASET_EXTENT,
  decisionMap,
  initMlp,
  type Line2,
  lineFromMap,
  type Mlp,
  makeDataset,
  train,
} from "@/lib/ml/nn";
import { MAP_RESOLUTION } from "@/lib/protocol";

const E = DATASET_EXTENT;

/** The line scaled to a unit normal, so two fits of one line compare equal. */
function normalized({ a, b, c }: Line2): Line2 {
  const n = Math.hypot(a, b);
  return { a: a / n, b: b / n, c: c / n };
}

/** Two lines agree when their unit normals are within `angleDeg` and their offsets within `offset` data units. */
function expectSameLine(
  fitted: Line2 | null,
  truth: Line2,
  { angleDeg, offset }: { angleDeg: number; offset: number },
) {
  expect(fitted).not.toBeNull();
  const f = normalized(fitted as Line2);
  const t = normalized(truth);
  const cos = Math.min(1, f.a * t.a + f.b * t.b);
  // Same side towards class 1: cos > 0, and within the angle.
  expect((Math.acos(cos) * 180) / Math.PI).toBeLessThan(angleDeg);
  expect(Math.abs(f.c - t.c)).toBeLessThan(offset);
}

function withLine(net: Mlp, { a, b, c }: Line2): Mlp {
  net.params[net.layout.w2] = a;
  net.params[net.layout.w2 + 1] = b;
  net.params[net.layout.b2] = c;
  return net;
}

const mapOf = (net: Mlp) => decisionMap(net, { resolution: MAP_RESOLUTION, extent: E });

describe("lineFromMap: a linear net's decision line from its 32 × 32 map", () => {
  it("recovers a single neuron's line (oracle: the weights' own line) at gentle and steep slopes", () => {
    for (const truth of [
      { a: 1.3, b: -0.7, c: 0.4 },
      { a: -0.2, b: 2.1, c: -1.1 },
      { a: 0.05, b: 0.04, c: 0.01 },
      // Nearly flat, as one neuron ends on XOR: the map holds only bytes 127 and 128.
      { a: 0.004, b: 0.002, c: 0.001 },
      // Steep: every pixel saturates to 0 or 255, so only the class boundary is left to fit.
      { a: 80, b: 60, c: -20 },
    ]) {
      const net = withLine(initMlp({ hidden: 0, seed: 1 }), truth);
      expectSameLine(lineFromMap(mapOf(net), MAP_RESOLUTION, E), truth, { angleDeg: 2, offset: 0.05 });
    }
  });

  it("recovers the collapsed line of a trained linear-activation net with 8 units", () => {
    for (const seed of [1, 2, 3]) {
      const net = initMlp({ hidden: 8, activation: "linear", seed });
      train(net, makeDataset("gaussian", { seed }), { lr: 0.1, steps: 200 });
      const truth = collapseLinear(net) as Line2;
      expectSameLine(lineFromMap(mapOf(net), MAP_RESOLUTION, E), truth, { angleDeg: 2, offset: 0.05 });
    }
  });

  it("finds no line in a flat map (one class everywhere, or uniformly uncertain)", () => {
    expect(lineFromMap(new Uint8Array(MAP_RESOLUTION ** 2).fill(128), MAP_RESOLUTION, E)).toBeNull();
    expect(lineFromMap(new Uint8Array(MAP_RESOLUTION ** 2).fill(255), MAP_RESOLUTION, E)).toBeNull();
    expect(lineFromMap(new Uint8Array(MAP_RESOLUTION ** 2), MAP_RESOLUTION, E)).toBeNull();
  });
});
