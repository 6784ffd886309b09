import { describe, expect, it } from "vitest";
import {
  ACTIVATIONS,
  type Activation,
  computeGradients,
  createRng,
  type Dataset,
  evaluateLoss,
  initMlp,
  type Mlp,
} from "@/lib/ml/nn";

const HIDDEN_SIZES = [0, 1, 8, 32] as const;
const POINTS = 24;
/** Central-difference step: truncation error ~eps² and rounding error ~1e-16/eps both stay near 1e-10. */
const EPS = 1e-6;
/** No pre-activation within this distance of ReLU's kink, so ±EPS never crosses it. */
const KINK_MARGIN = 1e-3;
const TOLERANCE = 1e-6;

/** Random points and labels; for ReLU nets, points too close to a kink are redrawn. */
function randomData(net: Mlp, seed: number): Dataset {
  const rng = createRng(seed);
  const xs = new Float64Array(2 * POINTS);
  const ys = new Float64Array(POINTS);
  for (let p = 0; p < POINTS; p++) {
    do {
      xs[2 * p] = rng.normal();
      xs[2 * p + 1] = rng.normal();
    } while (net.activation === "relu" && nearKink(net, xs[2 * p] as number, xs[2 * p + 1] as number));
    ys[p] = rng.int(2);
  }
  return { xs, ys };
}

function nearKink(net: Mlp, x: number, y: number): boolean {
  const { params, layout } = net;
  for (let j = 0; j < net.hidden; j++) {
    const z = params[layout.w1 + 2 * j]! * x + params[layout.w1 + 2 * j + 1]! * y + params[layout.b1 + j]!;
    if (Math.abs(z) < KINK_MARGIN) return true;
  }
  return false;
}

/** A net with non-zero biases too, so every parameter's gradient is exercised. */
function netWithBiases(hidden: number, activation: Activation, seed: number): Mlp {
  const net = initMlp({ hidden, activation, seed });
  const rng = createRng(seed + 1000);
  for (let j = 0; j < hidden; j++) net.params[net.layout.b1 + j] = 0.5 * rng.normal();
  net.params[net.layout.b2] = 0.3 * rng.normal();
  return net;
}

function finiteDifferences(net: Mlp, data: Dataset): Float64Array {
  const numeric = new Float64Array(net.params.length);
  for (let k = 0; k < net.params.length; k++) {
    const original = net.params[k] as number;
    net.params[k] = original + EPS;
    const up = evaluateLoss(net, data);
    net.params[k] = original - EPS;
    const down = evaluateLoss(net, data);
    net.params[k] = original;
    numeric[k] = (up - down) / (2 * EPS);
  }
  return numeric;
}

function relativeError(a: Float64Array, b: Float64Array): number {
  let diff = 0;
  let normA = 0;
  let normB = 0;
  for (let k = 0; k < a.length; k++) {
    diff += ((a[k] as number) - (b[k] as number)) ** 2;
    normA += (a[k] as number) ** 2;
    normB += (b[k] as number) ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(normA), Math.sqrt(normB), 1e-300);
}

describe("analytic gradients equal central finite differences", () => {
  for (const activation of ACTIVATIONS) {
    for (const hidden of HIDDEN_SIZES) {
      it(`${activation}, hidden ${hidden}`, () => {
        for (const seed of [1, 2]) {
          const net = netWithBiases(hidden, activation, seed);
          const data = randomData(net, seed + 50);
          computeGradients(net, data);
          const analytic = Float64Array.from(net.grad);
          const numeric = finiteDifferences(net, data);
          expect(relativeError(analytic, numeric)).toBeLessThan(TOLERANCE);
          // Guard against a vacuous pass: the gradient is not all zeros.
          expect(analytic.some((g) => Math.abs(g) > 1e-6)).toBe(true);
        }
      });
    }
  }
});

describe("the generic path (inputs ≠ 2) has the same gradients", () => {
  for (const activation of ACTIVATIONS) {
    for (const hidden of [0, 3]) {
      it(`${activation}, 3 inputs, hidden ${hidden}`, () => {
        const net = initMlp({ inputs: 3, hidden, activation, seed: 8 });
        net.params[net.layout.b2] = 0.2;
        const rng = createRng(9);
        // Well away from ReLU's kink: the redraw loop above only handles 2 inputs, so use few points
        // and check the margin directly.
        const xs = Float64Array.from({ length: 3 * 12 }, () => rng.normal());
        const ys = Float64Array.from({ length: 12 }, () => rng.int(2));
        const data: Dataset = { xs, ys };
        computeGradients(net, data);
        const analytic = Float64Array.from(net.grad);
        const numeric = finiteDifferences(net, data);
        expect(minPreActivation(net, xs)).toBeGreaterThan(KINK_MARGIN / 100);
        expect(relativeError(analytic, numeric)).toBeLessThan(TOLERANCE);
      });
    }
  }
});

/** Smallest |pre-activation| over all units and points (∞ for hidden 0). */
function minPreActivation(net: Mlp, xs: Float64Array): number {
  let least = Number.POSITIVE_INFINITY;
  for (let p = 0; p < xs.length / net.inputs; p++) {
    for (let j = 0; j < net.hidden; j++) {
      let z = net.params[net.layout.b1 + j]!;
      for (let i = 0; i < net.inputs; i++)
        z += net.params[net.layout.w1 + j * net.inputs + i]! * xs[p * net.inputs + i]!;
      least = Math.min(least, Math.abs(z));
    }
  }
  return least;
}

describe("the loss", () => {
  it("is the mean binary cross-entropy of the sigmoid output, and the value computeGradients returns", () => {
    const net = netWithBiases(8, "tanh", 4);
    const data = randomData(net, 5);
    const loss = computeGradients(net, data);
    // Oracle: −mean[y·ln σ(l) + (1−y)·ln(1−σ(l))] with the naive formula, fine for moderate logits.
    let expected = 0;
    for (let p = 0; p < POINTS; p++) {
      const l = forwardByHand(net, data.xs[2 * p] as number, data.xs[2 * p + 1] as number);
      const s = 1 / (1 + Math.exp(-l));
      expected -= data.ys[p] === 1 ? Math.log(s) : Math.log(1 - s);
    }
    expect(loss).toBeCloseTo(expected / POINTS, 12);
    expect(evaluateLoss(net, data)).toBe(loss);
  });

  it("stays finite and exact for huge logits (softplus form)", () => {
    const net = initMlp({ hidden: 0, seed: 1 });
    net.params.fill(0);
    net.params[net.layout.b2] = 1000; // every logit is 1000: σ = 1 in double precision
    const data: Dataset = { xs: new Float64Array([0, 0, 1, 1, 2, 2, 3, 3]), ys: new Float64Array([0, 1, 1, 0]) };
    // Per point softplus(1000) − y·1000 = 1000·(1 − y): two points cost 1000 each.
    expect(computeGradients(net, data)).toBe(500);
    // dLoss/db2 = mean(σ − y) = mean(1 − y) = 0.5
    expect(net.grad[net.layout.b2]).toBe(0.5);
    net.params[net.layout.b2] = -1000;
    expect(computeGradients(net, data)).toBe(500);
    expect(net.grad[net.layout.b2]).toBe(-0.5);
  });
});

/** The net's logit written out directly from the layer equations, independent of the fast path. */
function forwardByHand(net: Mlp, x: number, y: number): number {
  const { params, layout } = net;
  let logit = params[layout.b2]!;
  for (let j = 0; j < net.hidden; j++) {
    const z = params[layout.w1 + 2 * j]! * x + params[layout.w1 + 2 * j + 1]! * y + params[layout.b1 + j]!;
    logit += params[layout.w2 + j]! * Math.tanh(z);
  }
  return logit;
}
