import { describe, expect, it } from "vitest";
import {
  DATASET_EXTENT,
  DATASETS,
  type DatasetName,
  DEFAULT_N,
  DEFAULT_NOISE,
  makeDataset,
  NnInputError,
} from "@/lib/ml/nn";

/** First three points (x, y interleaved) for seed 5: pins the generators across engines and edits. */
const PINNED_FIRST_POINTS: Record<DatasetName, number[]> = {
  xor: [
    1.054473654818429, 0.8740445737551557, 0.9117307448696792, -1.3852134271450491, -0.9299871694785969,
    -1.0256395712656798,
  ],
  checkerboard: [
    0.15815655719363103, 0.42150037234797755, 1.497114029874322, -1.0249535369335752, 1.4422053504403667,
    -0.19820254067768298,
  ],
  circles: [
    0.14396091021988447, -1.3860295111698744, -0.46360871046484803, 0.12223054112869003, 1.311205251435583,
    0.06666553619626031,
  ],
  spiral: [
    0.716679936239334, -0.7154190886417938, -0.06613513787921638, 0.9496765822109136, 1.10690439594837,
    -0.20073569682881853,
  ],
  gaussian: [
    -0.734631614217885, -0.9511465114938132, 0.694076893843615, 0.3377438874259412, -0.7159846033743164,
    -0.8307674855188157,
  ],
};

function points(name: DatasetName, seed: number, n = DEFAULT_N, noise?: number) {
  const data = makeDataset(name, noise === undefined ? { n, seed } : { n, seed, noise });
  return Array.from({ length: data.ys.length }, (_, p) => ({
    x: data.xs[2 * p] as number,
    y: data.xs[2 * p + 1] as number,
    label: data.ys[p] as number,
  }));
}

describe.each(DATASETS)("makeDataset(%s)", (name) => {
  it("pins the first points for a seed (to 1e-12, the cross-engine promise)", () => {
    const data = makeDataset(name, { seed: 5 });
    PINNED_FIRST_POINTS[name].forEach((v, i) => {
      expect(Math.abs((data.xs[i] as number) - v)).toBeLessThan(1e-12);
    });
  });

  it("is deterministic per seed and different across seeds", () => {
    expect(makeDataset(name, { seed: 9 })).toEqual(makeDataset(name, { seed: 9 }));
    expect(makeDataset(name, { seed: 9 }).xs).not.toEqual(makeDataset(name, { seed: 10 }).xs);
  });

  it("has n points, 2 coordinates each, exactly balanced labels", () => {
    for (const n of [2, 7, 200, 501]) {
      const data = makeDataset(name, { n, seed: 1 });
      expect(data.xs.length).toBe(2 * n);
      expect(data.ys.length).toBe(n);
      const ones = data.ys.reduce((a, b) => a + b, 0);
      expect(ones).toBe(Math.floor(n / 2)); // class 0 takes the odd point out
      expect(data.ys.every((y) => y === 0 || y === 1)).toBe(true);
    }
  });

  it("keeps every point inside ±DATASET_EXTENT, even with large noise", () => {
    for (const noise of [DEFAULT_NOISE[name], 1]) {
      const data = makeDataset(name, { n: 1000, seed: 3, noise });
      expect(data.xs.every((v) => Number.isFinite(v) && Math.abs(v) <= DATASET_EXTENT)).toBe(true);
    }
  });
});

describe("dataset shapes", () => {
  it("xor: class 1 exactly where sign(x) ≠ sign(y) without noise, and at the default noise", () => {
    for (const p of points("xor", 4, 400, 0)) {
      expect(Math.abs(p.x)).toBe(1);
      expect(Math.abs(p.y)).toBe(1);
      expect(p.label).toBe(Math.sign(p.x) !== Math.sign(p.y) ? 1 : 0);
    }
    // Default noise keeps the clusters apart: every point stays in its own quadrant.
    for (const seed of [1, 2, 3]) {
      for (const p of points("xor", seed)) expect(p.label).toBe(Math.sign(p.x) !== Math.sign(p.y) ? 1 : 0);
    }
  });

  it("xor: all four quadrants get the same number of points", () => {
    const counts = new Map<string, number>();
    for (const p of points("xor", 2, 400, 0)) {
      const key = `${Math.sign(p.x)},${Math.sign(p.y)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([100, 100, 100, 100]);
  });

  it("checkerboard: without noise, labels follow the 4 × 4 cells", () => {
    const cell = (2 * 1.6) / 4;
    for (const p of points("checkerboard", 6, 400, 0)) {
      const col = Math.floor((p.x + 1.6) / cell);
      const row = Math.floor((p.y + 1.6) / cell);
      expect((col + row) % 2).toBe(p.label);
    }
  });

  it("circles: without noise, class 1 is inside r ≤ 0.6 and class 0 in the ring 1 ≤ r ≤ 1.5", () => {
    for (const p of points("circles", 6, 400, 0)) {
      const r = Math.hypot(p.x, p.y);
      if (p.label === 1) expect(r).toBeLessThanOrEqual(0.6 + 1e-12);
      else expect(r >= 1 - 1e-12 && r <= 1.5 + 1e-12).toBe(true);
    }
  });

  it("spiral: without noise, the two arms are each other rotated by π", () => {
    // A point (x, y) on arm 0 at parameter t has its mirror (−x, −y) on arm 1 at the same radius.
    for (const p of points("spiral", 6, 400, 0)) {
      const r = Math.hypot(p.x, p.y);
      expect(r >= 0.1 - 1e-12 && r <= 1.5 + 1e-12).toBe(true);
      const t = (r - 0.1) / 1.4;
      const angle = t * 1.25 * 2 * Math.PI + p.label * Math.PI;
      expect(p.x).toBeCloseTo(r * Math.cos(angle), 12);
      expect(p.y).toBeCloseTo(r * Math.sin(angle), 12);
    }
  });

  it("gaussian: the classes sit on opposite sides of x + y = 0 (separable control case)", () => {
    const misplaced = points("gaussian", 8).filter((p) => (p.x + p.y > 0 ? 1 : 0) !== p.label);
    expect(misplaced.length).toBeLessThanOrEqual(2);
  });
});

describe("makeDataset input checks", () => {
  it("names the problem", () => {
    expect(() => makeDataset("moons" as DatasetName, { seed: 1 })).toThrow(/unknown dataset "moons"/);
    expect(() => makeDataset("xor", { seed: 1, n: 1 })).toThrow(/n must be an integer in \[2, 20000\]/);
    expect(() => makeDataset("xor", { seed: 1, n: 10.5 })).toThrow(NnInputError);
    expect(() => makeDataset("xor", { seed: 1, noise: -0.1 })).toThrow(/noise must be in/);
    expect(() => makeDataset("xor", { seed: 1, noise: Number.NaN })).toThrow(/noise must be a finite number/);
    expect(() => makeDataset("xor", { seed: 0.5 })).toThrow(/seed must be an integer/);
  });
});
