import { describe, expect, it } from "vitest";
import {
  type Activation,
  accuracy,
  computeGradients,
  type Dataset,
  evaluateLoss,
  initMlp,
  makeDataset,
  mlpStep,
  NnInputError,
  type Optimizer,
  predict,
  train,
} from "@/lib/ml/nn";

const data = makeDataset("xor", { n: 20, seed: 1 });

describe("bad input is an NnInputError that names the problem", () => {
  it("initMlp: hidden outside 0…256, unknown activation, bad inputs or seed", () => {
    expect(() => initMlp({ hidden: -1, seed: 1 })).toThrow(/hidden must be an integer in \[0, 256\], got -1/);
    expect(() => initMlp({ hidden: 257, seed: 1 })).toThrow(/hidden must be an integer in \[0, 256\], got 257/);
    expect(() => initMlp({ hidden: 2.5, seed: 1 })).toThrow(NnInputError);
    expect(() => initMlp({ hidden: Number.NaN, seed: 1 })).toThrow(/hidden/);
    expect(() => initMlp({ hidden: 8, activation: "gelu" as Activation, seed: 1 })).toThrow(
      /unknown activation "gelu"/,
    );
    expect(() => initMlp({ hidden: 8, inputs: 0, seed: 1 })).toThrow(/inputs must be an integer/);
    expect(() => initMlp({ hidden: 8, seed: Number.POSITIVE_INFINITY })).toThrow(/seed must be an integer/);
    expect(initMlp({ hidden: 256, seed: 1 }).hidden).toBe(256);
    expect(initMlp({ hidden: 0, seed: 1 }).params.length).toBe(3);
  });

  it("mlpStep: lr ≤ 0 or not finite, unknown optimizer", () => {
    const net = initMlp({ hidden: 8, seed: 1 });
    expect(() => mlpStep(net, data, { lr: 0 })).toThrow(/lr must be greater than 0, got 0/);
    expect(() => mlpStep(net, data, { lr: -0.1 })).toThrow(/lr must be greater than 0/);
    expect(() => mlpStep(net, data, { lr: Number.NaN })).toThrow(/lr must be a finite number/);
    expect(() => mlpStep(net, data, { lr: Number.POSITIVE_INFINITY })).toThrow(/lr must be a finite number/);
    expect(() => mlpStep(net, data, { lr: 0.1, optimizer: "rmsprop" as Optimizer })).toThrow(
      /unknown optimizer "rmsprop"/,
    );
    expect(() => train(net, data, { lr: 0.1, steps: 0 })).toThrow(/steps must be an integer/);
    expect(net.steps).toBe(0); // nothing ran
  });

  it("datasets: wrong shapes, NaN or Infinity coordinates, labels other than 0/1", () => {
    const net = initMlp({ hidden: 4, seed: 1 });
    const bad = (xs: number[], ys: number[]): Dataset => ({ xs: new Float64Array(xs), ys: new Float64Array(ys) });
    expect(() => computeGradients(net, bad([1, 2, 3], [0, 1]))).toThrow(/data.xs has length 3, expected 4/);
    expect(() => mlpStep(net, bad([], []), { lr: 0.1 })).toThrow(/data is empty/);
    expect(() => mlpStep(net, bad([1, Number.NaN], [1]), { lr: 0.1 })).toThrow(
      /data.xs\[1\] must be a finite number, got NaN/,
    );
    expect(() => accuracy(net, bad([1, Number.POSITIVE_INFINITY], [1]))).toThrow(/data.xs\[1\]/);
    expect(() => evaluateLoss(net, bad([1, 2], [0.5]))).toThrow(/data.ys\[0\] must be 0 or 1, got 0.5/);
    expect(() => mlpStep(net, { xs: [1, 2], ys: [1] } as unknown as Dataset, { lr: 0.1 })).toThrow(/Float64Array/);
    // A 3-input net on 2-D data.
    expect(() => mlpStep(initMlp({ inputs: 3, hidden: 2, seed: 1 }), data, { lr: 0.1 })).toThrow(/expected 60/);
  });

  it("predict: NaN or Infinity coordinates, or a net that does not take 2 inputs", () => {
    const net = initMlp({ hidden: 4, seed: 1 });
    expect(() => predict(net, Number.NaN, 0)).toThrow(/x must be a finite number/);
    expect(() => predict(net, 0, Number.NEGATIVE_INFINITY)).toThrow(/y must be a finite number/);
    expect(() => predict(initMlp({ inputs: 3, hidden: 2, seed: 1 }), 0, 0)).toThrow(/3 inputs/);
  });

  it("errors carry a stable name for crossing postMessage", () => {
    try {
      initMlp({ hidden: -1, seed: 1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NnInputError);
      expect((e as Error).name).toBe("NnInputError");
    }
  });
});
