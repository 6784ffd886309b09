/**
 * The straightforward implementation a learner would write from the chapter: nested arrays, one
 * sample at a time, the forward pass built from the chapter's `linear`/`relu`/`mlpForward`, a plain
 * backward pass, fresh arrays every step. The bench reports the fast core's speed as a ratio to
 * this, measured in the same run.
 */
import { linear, type Matrix, mlpForward, relu, type Vector } from "@/lib/ml/nn";

/** A 2-layer ReLU net as the chapter's nested arrays. */
export type NestedNet = { w1: Matrix; b1: Vector; w2: Matrix; b2: Vector };

/** One full-batch SGD step, per sample; returns the mean binary cross-entropy before the update. */
export function baselineStep(net: NestedNet, points: Vector[], labels: number[], lr: number): number {
  const gw1 = net.w1.map((row) => row.map(() => 0));
  const gb1 = net.b1.map(() => 0);
  const gw2 = net.w2.map((row) => row.map(() => 0));
  const gb2 = net.b2.map(() => 0);
  const n = points.length;
  let loss = 0;
  for (let p = 0; p < n; p++) {
    const x = points[p] as Vector;
    const y = labels[p] as number;
    // mlpForward's body, kept in pieces because the backward pass needs the hidden layer.
    const z1 = linear(x, net.w1, net.b1);
    const h = relu(z1);
    const out = linear(h, net.w2, net.b2)[0] as number;
    const prob = 1 / (1 + Math.exp(-out));
    loss += -(y * Math.log(prob) + (1 - y) * Math.log(1 - prob));
    const dOut = (prob - y) / n;
    (gb2 as number[])[0] = (gb2[0] as number) + dOut;
    const w2row = net.w2[0] as Vector;
    const g2row = gw2[0] as Vector;
    for (let j = 0; j < h.length; j++) {
      g2row[j] = (g2row[j] as number) + dOut * (h[j] as number);
      const dz = (z1[j] as number) > 0 ? dOut * (w2row[j] as number) : 0;
      gb1[j] = (gb1[j] as number) + dz;
      const g1row = gw1[j] as Vector;
      for (let i = 0; i < x.length; i++) g1row[i] = (g1row[i] as number) + dz * (x[i] as number);
    }
  }
  subtractScaled(net.w1, gw1, lr);
  subtractScaled(net.w2, gw2, lr);
  subtractScaledVector(net.b1, gb1, lr);
  subtractScaledVector(net.b2, gb2, lr);
  return loss / n;
}

/** A resolution² map of round(255 · σ(mlpForward)) with the same pixel centres as `decisionMap`. */
export function baselineMap(net: NestedNet, resolution: number, extent: number): number[][] {
  const step = (2 * extent) / resolution;
  const rows: number[][] = [];
  for (let r = 0; r < resolution; r++) {
    const row: number[] = [];
    for (let c = 0; c < resolution; c++) {
      const point = [-extent + (c + 0.5) * step, extent - (r + 0.5) * step];
      const logit = mlpForward(point, net.w1, net.b1, net.w2, net.b2)[0] as number;
      row.push(Math.round(255 / (1 + Math.exp(-logit))));
    }
    rows.push(row);
  }
  return rows;
}

function subtractScaled(m: Matrix, g: Matrix, lr: number): void {
  m.forEach((row, j) => {
    subtractScaledVector(row, g[j] as Vector, lr);
  });
}

function subtractScaledVector(v: Vector, g: Vector, lr: number): void {
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) - lr * (g[i] as number);
}
