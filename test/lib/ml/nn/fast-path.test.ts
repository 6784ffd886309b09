import { describe, expect, it } from "vitest";
import {
  ACTIVATIONS,
  type Activation,
  type ChapterWeights,
  computeGradients,
  createRng,
  DATASET_EXTENT,
  decisionMap,
  evaluateLoss,
  forwardLogit,
  fromChapterWeights,
  initMlp,
  linear,
  type Mlp,
  makeDataset,
  mlpForward,
  NnDivergedError,
  NnInputError,
  predict,
  toChapterWeights,
  train,
  type Vector,
} from "@/lib/ml/nn";

const ACTIVATION_FNS: Record<Activation, (z: number) => number> = {
  relu: (z) => (z > 0 ? z : 0),
  tanh: Math.tanh,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  linear: (z) => z,
};

/** The chapter's layers with the recorded activation between them: linear(act(linear(x))) . */
function chapterLogit(w: ChapterWeights, x: Vector): number {
  const hidden = linear(x, w.w1, w.b1).map(ACTIVATION_FNS[w.activation]);
  return linear(hidden, w.w2, w.b2)[0] as number;
}

/** A ReLU net trained a little, so its weights are not just the initial draw. */
function trainedNet(hidden: number, activation: Activation = "relu", seed = 1): Mlp {
  const net = initMlp({ hidden, activation, seed });
  train(net, makeDataset("xor", { seed }), { lr: 0.3, steps: 50 });
  return net;
}

describe("the fast forward pass equals the chapter's mlpForward on the same weights", () => {
  it("for ReLU nets of hidden 1, 8, 32 and 256, within 1e-12, at random and quadrant points", () => {
    const rng = createRng(5);
    for (const hidden of [1, 8, 32, 256]) {
      const net = trainedNet(hidden);
      const w = toChapterWeights(net);
      const pts: Vector[] = [
        [1, 1],
        [-1, 1],
        [-1, -1],
        [1, -1],
      ];
      for (let i = 0; i < 200; i++) pts.push([3 * rng.normal(), 3 * rng.normal()]);
      for (const x of pts) {
        const reference = mlpForward(x, w.w1, w.b1, w.w2, w.b2)[0] as number;
        expect(Math.abs(forwardLogit(net, x) - reference)).toBeLessThanOrEqual(
          1e-12 * Math.max(1, Math.abs(reference)),
        );
      }
    }
  });

  it("for every activation, via the chapter's layers with the recorded activation", () => {
    const rng = createRng(6);
    for (const activation of ACTIVATIONS) {
      for (const hidden of [0, 3, 8]) {
        const net = trainedNet(hidden, activation, 2);
        const w = toChapterWeights(net);
        for (let i = 0; i < 100; i++) {
          const x = [2 * rng.normal(), 2 * rng.normal()];
          expect(Math.abs(forwardLogit(net, x) - chapterLogit(w, x))).toBeLessThanOrEqual(1e-12);
        }
      }
    }
  });

  it("the batched training pass computes the same logits as forwardLogit, to the bit", () => {
    // evaluateLoss goes point by point through forwardLogit; computeGradients through the batched
    // (and, for ReLU with 2 inputs, pairwise-unrolled) pass. Same loss bits ⇒ same logits.
    for (const activation of ACTIVATIONS) {
      for (const hidden of [0, 1, 7, 8]) {
        const net = trainedNet(hidden, activation, 5);
        const data = makeDataset("circles", { seed: 5 });
        expect(computeGradients(net, data)).toBe(evaluateLoss(net, data));
      }
    }
  });

  it("predict is σ(logit) and reads (x, y) in that order", () => {
    const net = trainedNet(8);
    const w = toChapterWeights(net);
    const logit = mlpForward([0.3, -1.2], w.w1, w.b1, w.w2, w.b2)[0] as number;
    expect(predict(net, 0.3, -1.2)).toBeCloseTo(1 / (1 + Math.exp(-logit)), 14);
  });
});

describe("chapter weights", () => {
  it("have the chapter's shapes: w1 [hidden][inputs], b1 [hidden], w2 [1][hidden], b2 [1]", () => {
    const w = toChapterWeights(initMlp({ hidden: 8, seed: 3 }));
    expect(w.w1.length).toBe(8);
    expect(w.w1.every((row) => row.length === 2)).toBe(true);
    expect(w.b1.length).toBe(8);
    expect(w.w2.length).toBe(1);
    expect(w.w2[0]?.length).toBe(8);
    expect(w.b2.length).toBe(1);
    expect(w.activation).toBe("relu");
  });

  it("round-trip through fromChapterWeights for every activation and hidden 0", () => {
    for (const activation of ACTIVATIONS) {
      for (const hidden of [0, 1, 8]) {
        const net = trainedNet(hidden, activation, 4);
        const w = toChapterWeights(net);
        const back = fromChapterWeights(w, { activation: w.activation });
        expect(back.hidden).toBe(hidden);
        expect(back.inputs).toBe(2);
        expect(Array.from(back.params)).toEqual(Array.from(net.params));
      }
    }
  });

  it("write hidden 0 as one linear unit and an identity output, giving the neuron's logit exactly", () => {
    const net = trainedNet(0);
    const w = toChapterWeights(net);
    expect(w).toEqual({
      w1: [[net.params[0], net.params[1]]],
      b1: [net.params[2]],
      w2: [[1]],
      b2: [0],
      activation: "linear",
    });
    expect(chapterLogit(w, [0.7, -0.2])).toBe(forwardLogit(net, [0.7, -0.2]));
    // Asked explicitly, the same arrays read as a one-unit linear net computing the same function.
    const asHiddenOne = fromChapterWeights(w, { activation: "linear", singleNeuron: false });
    expect(asHiddenOne.hidden).toBe(1);
    expect(forwardLogit(asHiddenOne, [0.7, -0.2])).toBe(forwardLogit(net, [0.7, -0.2]));
  });

  it("are validated by fromChapterWeights", () => {
    const w = toChapterWeights(initMlp({ hidden: 2, seed: 1 }));
    expect(() => fromChapterWeights({ ...w, b1: [0] }, { activation: "relu" })).toThrow(
      /b1 must be an array of 2 numbers/,
    );
    expect(() =>
      fromChapterWeights(
        {
          ...w,
          w2: [
            [1, 2],
            [3, 4],
          ],
        },
        { activation: "relu" },
      ),
    ).toThrow(/w2 must have exactly 1 row/);
    expect(() => fromChapterWeights({ ...w, w1: [[1, 2], [3]] }, { activation: "relu" })).toThrow(/w1\[1\]/);
    expect(() => fromChapterWeights({ ...w, b2: [Number.NaN] }, { activation: "relu" })).toThrow(
      /b2\[0\] must be a finite number/,
    );
    expect(() => fromChapterWeights({ ...w, w1: [] }, { activation: "relu" })).toThrow(NnInputError);
    expect(() => fromChapterWeights(w, { activation: "swish" as Activation })).toThrow(/unknown activation "swish"/);
    expect(() => fromChapterWeights(w, { activation: "relu", singleNeuron: true })).toThrow(/singleNeuron/);
  });
});

describe("decisionMap", () => {
  /** Reference pixel: round(255·σ(mlpForward)) at the documented pixel centre. */
  function referencePixel(w: ChapterWeights, resolution: number, extent: number, row: number, col: number): number {
    const step = (2 * extent) / resolution;
    const x = [-extent + (col + 0.5) * step, extent - (row + 0.5) * step];
    return Math.round(255 / (1 + Math.exp(-chapterLogit(w, x))));
  }

  it("matches round(255·σ(mlpForward)) at every pixel centre (±1 level where p·255 sits on a rounding edge)", () => {
    for (const activation of ACTIVATIONS) {
      for (const hidden of [0, 8]) {
        const net = trainedNet(hidden, activation, 3);
        const w = toChapterWeights(net);
        const resolution = 37; // odd, so a pixel centre lands exactly on the axes
        const map = decisionMap(net, { resolution, extent: DATASET_EXTENT });
        expect(map.length).toBe(resolution * resolution);
        let offByOne = 0;
        for (let r = 0; r < resolution; r++) {
          for (let c = 0; c < resolution; c++) {
            const diff = Math.abs(
              (map[r * resolution + c] as number) - referencePixel(w, resolution, DATASET_EXTENT, r, c),
            );
            expect(diff).toBeLessThanOrEqual(1);
            if (diff === 1) offByOne++;
          }
        }
        expect(offByOne).toBeLessThanOrEqual(2);
      }
    }
  });

  it("quantizes to exactly round(255·p) away from the rounding edges, from level 0 to 255", () => {
    // Logit 8·x over [−2, 2]: p sweeps from 1e-7 to 1 − 1e-7, so every level appears.
    const net = fromChapterWeights(
      { w1: [[8, 0]], b1: [0], w2: [[1]], b2: [0], activation: "linear" },
      { activation: "linear" },
    );
    const resolution = 1024;
    const map = decisionMap(net, { resolution, extent: 2 });
    const step = 4 / resolution;
    const seen = new Set<number>();
    for (let c = 0; c < resolution; c++) {
      const scaled = 255 / (1 + Math.exp(-8 * (-2 + (c + 0.5) * step)));
      const isNearEdge = Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-9;
      if (!isNearEdge) expect(map[c]).toBe(Math.round(scaled));
      seen.add(map[c] as number);
    }
    expect(seen.has(0) && seen.has(255)).toBe(true);
  });

  it("puts y = +extent at row 0 and x = −extent at column 0", () => {
    // A single neuron with logit 50·y: top rows are class 1 (255), bottom rows class 0.
    const up = fromChapterWeights(
      { w1: [[0, 50]], b1: [0], w2: [[1]], b2: [0], activation: "linear" },
      { activation: "linear" },
    );
    const map = decisionMap(up, { resolution: 10, extent: 2 });
    expect(map[0]).toBe(255);
    expect(map[99]).toBe(0);
    // Logit 50·x: left columns class 0.
    const right = fromChapterWeights(
      { w1: [[50, 0]], b1: [0], w2: [[1]], b2: [0], activation: "linear" },
      { activation: "linear" },
    );
    const map2 = decisionMap(right, { resolution: 10, extent: 2 });
    expect(map2[0]).toBe(0);
    expect(map2[9]).toBe(255);
  });

  it("shows the XOR checkerboard after training: warm in quadrants II and IV", () => {
    const net = initMlp({ hidden: 8, seed: 1 });
    train(net, makeDataset("xor", { seed: 1 }), { lr: 0.3, steps: 500 });
    const map = decisionMap(net, { resolution: 4, extent: 2 });
    // Pixel centres at ±0.5, ±1.5; the outer ring of pixels sits on the clusters' diagonals.
    expect(map[0]).toBeGreaterThan(230); // top-left (−1.5, 1.5): class 1
    expect(map[3]).toBeLessThan(25); // top-right: class 0
    expect(map[12]).toBeLessThan(25); // bottom-left: class 0
    expect(map[15]).toBeGreaterThan(230); // bottom-right: class 1
  });

  it("fills a caller's buffer and returns it", () => {
    const net = trainedNet(8);
    const out = new Uint8Array(64 * 64);
    const fresh = decisionMap(net, { resolution: 64, extent: 2 });
    expect(decisionMap(net, { resolution: 64, extent: 2, out })).toBe(out);
    expect(out).toEqual(fresh);
    expect(() => decisionMap(net, { resolution: 64, extent: 2, out: new Uint8Array(10) })).toThrow(
      /out must be a Uint8Array of length 4096/,
    );
  });

  it("throws NnDivergedError for a net with non-finite parameters", () => {
    const net = trainedNet(8);
    net.params[3] = Number.NaN;
    expect(() => decisionMap(net, { resolution: 10, extent: 2 })).toThrow(NnDivergedError);
    net.params[3] = Number.POSITIVE_INFINITY;
    expect(() => decisionMap(net, { resolution: 10, extent: 2 })).toThrow(/not finite/);
  });

  it("rejects bad options", () => {
    const net = trainedNet(8);
    expect(() => decisionMap(net, { resolution: 0, extent: 2 })).toThrow(
      /resolution must be an integer in \[1, 1024\]/,
    );
    expect(() => decisionMap(net, { resolution: 10.5, extent: 2 })).toThrow(NnInputError);
    expect(() => decisionMap(net, { resolution: 10, extent: 0 })).toThrow(/extent must be greater than 0/);
    expect(() => decisionMap(net, { resolution: 10, extent: Number.POSITIVE_INFINITY })).toThrow(/extent/);
    expect(() => decisionMap(initMlp({ inputs: 3, hidden: 2, seed: 1 }), { resolution: 10, extent: 2 })).toThrow(
      /2-input net/,
    );
  });
});
