import { describe, expect, it } from "vitest";
import {
  ADAM_BETA1,
  ADAM_BETA2,
  ADAM_EPSILON,
  computeGradients,
  DEFAULT_LR,
  initMlp,
  isDiverged,
  MAX_INIT_SCALE,
  MOMENTUM_BETA,
  makeDataset,
  mlpLayout,
  mlpStep,
  NnInputError,
  OPTIMIZERS,
  resetTraining,
  train,
} from "@/lib/ml/nn";

const data = makeDataset("xor", { seed: 1 });

describe("initMlp", () => {
  it("lays out W1, b1, W2, b2 in one Float64Array (33 parameters for 2-8-1)", () => {
    const net = initMlp({ hidden: 8, seed: 1 });
    expect(net.params).toBeInstanceOf(Float64Array);
    expect(net.params.length).toBe(33); // 8×2 + 8 + 8 + 1, as the chapter counts
    expect(net.layout).toEqual({ w1: 0, b1: 16, w2: 24, b2: 32, size: 33 });
    expect(mlpLayout(2, 0)).toEqual({ w1: 0, b1: 0, w2: 0, b2: 2, size: 3 });
    // Biases start at zero; weights do not.
    expect(Array.from(net.params.subarray(16, 24))).toEqual(new Array(8).fill(0));
    expect(net.params[32]).toBe(0);
    expect(Array.from(net.params.subarray(0, 16)).every((w) => w !== 0)).toBe(true);
  });

  it("is deterministic per seed", () => {
    expect(initMlp({ hidden: 8, seed: 5 }).params).toEqual(initMlp({ hidden: 8, seed: 5 }).params);
    expect(initMlp({ hidden: 8, seed: 5 }).params).not.toEqual(initMlp({ hidden: 8, seed: 6 }).params);
  });

  it("scales the hidden weights by the activation: He for ReLU, Glorot otherwise", () => {
    // With 2 inputs and 256 units: He σ² = 2/2 = 1, Glorot σ² = 2/(2 + 256) ≈ 0.0078.
    const variance = (activation: "relu" | "tanh") => {
      const net = initMlp({ hidden: 256, activation, seed: 9 });
      const w = net.params.subarray(0, 512);
      return w.reduce((s, v) => s + v * v, 0) / w.length;
    };
    expect(variance("relu")).toBeGreaterThan(0.85);
    expect(variance("relu")).toBeLessThan(1.15);
    expect(variance("tanh")).toBeGreaterThan(0.0078 * 0.85);
    expect(variance("tanh")).toBeLessThan(0.0078 * 1.15);
  });

  it("multiplies every initial weight by initScale, so the init statistics scale with it", () => {
    const base = initMlp({ hidden: 256, seed: 9 });
    const stats = (params: Float64Array, from: number, to: number) => {
      const w = params.subarray(from, to);
      const mean = w.reduce((s, v) => s + v, 0) / w.length;
      const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
      return { mean, std };
    };
    const { w2, b2 } = base.layout;
    for (const scale of [0.01, 0.5, 3]) {
      const net = initMlp({ hidden: 256, seed: 9, initScale: scale });
      // Exactly s × the same draws, biases still zero.
      for (let i = 0; i < net.params.length; i++) expect(net.params[i]).toBeCloseTo((base.params[i] ?? 0) * scale, 14);
      // Hidden std: He σ = 1 at scale 1, so ≈ s; output std: Glorot √(2 / 257) ≈ 0.088 × s.
      const hidden = stats(net.params, 0, 512);
      expect(hidden.std / scale).toBeGreaterThan(0.92);
      expect(hidden.std / scale).toBeLessThan(1.08);
      const output = stats(net.params, w2, b2);
      expect(output.std / scale / Math.sqrt(2 / 257)).toBeGreaterThan(0.85);
      expect(output.std / scale / Math.sqrt(2 / 257)).toBeLessThan(1.15);
    }
    expect(initMlp({ hidden: 8, seed: 9, initScale: 1 }).params).toEqual(initMlp({ hidden: 8, seed: 9 }).params);
    expect(Array.from(initMlp({ hidden: 8, seed: 9, initScale: 0 }).params).every((w) => w === 0)).toBe(true);
  });

  it("refuses an init scale that is negative, not finite or above MAX_INIT_SCALE", () => {
    for (const initScale of [-0.1, Number.NaN, Number.POSITIVE_INFINITY, MAX_INIT_SCALE * 1.01]) {
      expect(() => initMlp({ hidden: 8, seed: 1, initScale })).toThrow(NnInputError);
    }
    expect(() => initMlp({ hidden: 8, seed: 1, initScale: MAX_INIT_SCALE })).not.toThrow();
  });
});

describe("mlpStep", () => {
  it("updates the net in place and reuses one result object", () => {
    const net = initMlp({ hidden: 8, seed: 1 });
    const params = net.params;
    const first = mlpStep(net, data, { lr: DEFAULT_LR });
    const firstLoss = first.loss;
    const scratch = net.scratch.act;
    const second = mlpStep(net, data, { lr: DEFAULT_LR });
    expect(second).toBe(first);
    expect(second.net).toBe(net);
    expect(net.params).toBe(params);
    expect(net.scratch.act).toBe(scratch); // scratch kept: no per-step allocation
    expect(second.loss).toBeLessThan(firstLoss);
    expect(net.steps).toBe(2);
  });

  it("reports the loss before the update, and sgd moves by exactly −lr · grad", () => {
    const net = initMlp({ hidden: 8, seed: 2 });
    const probe = initMlp({ hidden: 8, seed: 2 });
    const lossBefore = computeGradients(probe, data);
    const expected = probe.params.map((w, k) => w - 0.2 * (probe.grad[k] as number));
    expect(mlpStep(net, data, { lr: 0.2 }).loss).toBe(lossBefore);
    expect(net.params).toEqual(expected);
  });

  it("momentum keeps a velocity u ← 0.9·u + g", () => {
    const net = initMlp({ hidden: 4, seed: 3 });
    const probe = initMlp({ hidden: 4, seed: 3 });
    computeGradients(probe, data);
    const grad1 = Float64Array.from(probe.grad);
    mlpStep(net, data, { lr: 0.1, optimizer: "momentum" });
    expect(net.optimizer.m).toEqual(grad1);
    const afterFirst = Float64Array.from(net.params);
    computeGradients(net, data);
    const grad2 = Float64Array.from(net.grad);
    mlpStep(net, data, { lr: 0.1, optimizer: "momentum" });
    const velocity = grad1.map((g, k) => MOMENTUM_BETA * g + (grad2[k] as number));
    expect(net.optimizer.m).toEqual(velocity);
    expect(net.params).toEqual(afterFirst.map((w, k) => w - 0.1 * (velocity[k] as number)));
  });

  it("adam's first step moves each parameter by about lr against its gradient's sign", () => {
    const net = initMlp({ hidden: 4, seed: 4 });
    const before = Float64Array.from(net.params);
    const probe = initMlp({ hidden: 4, seed: 4 });
    computeGradients(probe, data);
    mlpStep(net, data, { lr: 0.01, optimizer: "adam" });
    // Bias-corrected m̂ = g and ŝ = g², so the step is lr·g/(|g| + ε).
    net.params.forEach((w, k) => {
      const g = probe.grad[k] as number;
      const expected = (before[k] as number) - (0.01 * g) / (Math.abs(g) + ADAM_EPSILON);
      expect(w).toBeCloseTo(expected, 15);
    });
    expect(net.optimizer.t).toBe(1);
    expect(ADAM_BETA1).toBe(0.9);
    expect(ADAM_BETA2).toBe(0.999);
  });

  it("restarts optimizer memory when the optimizer changes, and resetTraining clears it", () => {
    const net = initMlp({ hidden: 4, seed: 5 });
    mlpStep(net, data, { lr: 0.01, optimizer: "adam" });
    mlpStep(net, data, { lr: 0.01, optimizer: "adam" });
    expect(net.optimizer.t).toBe(2);
    mlpStep(net, data, { lr: 0.1, optimizer: "momentum" });
    expect(net.optimizer.kind).toBe("momentum");
    expect(net.optimizer.t).toBe(0);
    expect(net.optimizer.v.every((v) => v === 0)).toBe(true);
    resetTraining(net);
    expect(net.steps).toBe(0);
    expect(net.optimizer.m.every((v) => v === 0)).toBe(true);
    expect(Number.isNaN(net.initialLoss)).toBe(true);
  });

  it("resizes scratch when the dataset size changes", () => {
    const net = initMlp({ hidden: 8, seed: 1 });
    mlpStep(net, data, { lr: 0.1 });
    expect(net.scratch.n).toBe(200);
    mlpStep(net, makeDataset("xor", { n: 50, seed: 2 }), { lr: 0.1 });
    expect(net.scratch.n).toBe(50);
    expect(net.scratch.act.length).toBe(8 * 50);
  });

  it("every optimizer lowers the loss on XOR", () => {
    for (const optimizer of OPTIMIZERS) {
      const net = initMlp({ hidden: 8, seed: 7 });
      const lr = optimizer === "adam" ? 0.01 : 0.1;
      const { losses } = train(net, data, { lr, optimizer, steps: 100 });
      expect(losses[99]).toBeLessThan((losses[0] as number) / 2);
    }
  });
});

describe("divergence", () => {
  it("isDiverged flags non-finite losses and losses above 10 × the initial loss", () => {
    expect(isDiverged(0.4, 0.5)).toBe(false);
    expect(isDiverged(5, 0.5)).toBe(false); // exactly 10 × is not yet diverged
    expect(isDiverged(5.01, 0.5)).toBe(true);
    expect(isDiverged(Number.NaN, 0.69)).toBe(true);
    expect(isDiverged(Number.POSITIVE_INFINITY, 0.69)).toBe(true);
  });

  it("a huge learning rate is reported as diverged, and training stops there", () => {
    for (const optimizer of OPTIMIZERS) {
      const net = initMlp({ hidden: 8, seed: 1 });
      const seen: number[] = [];
      const result = train(net, data, { lr: 1e6, optimizer, steps: 500, onStep: (_, loss) => seen.push(loss) });
      expect(result.status).toBe("diverged");
      expect(result.losses.length).toBeLessThan(500);
      expect(seen.length).toBe(result.losses.length);
      expect(isDiverged(result.losses[result.losses.length - 1] as number, result.losses[0] as number)).toBe(true);
    }
  });

  it("mlpStep reports diverged on the step where it happens", () => {
    const net = initMlp({ hidden: 8, seed: 1 });
    expect(mlpStep(net, data, { lr: 1e6 }).diverged).toBe(false); // the first loss is the reference
    let diverged = false;
    for (let i = 0; i < 20 && !diverged; i++) diverged = mlpStep(net, data, { lr: 1e6 }).diverged;
    expect(diverged).toBe(true);
  });

  it("a normal run is done, with one loss per step", () => {
    const net = initMlp({ hidden: 8, seed: 1 });
    const result = train(net, data, { lr: DEFAULT_LR, steps: 100 });
    expect(result.status).toBe("done");
    expect(result.losses.length).toBe(100);
  });
});
