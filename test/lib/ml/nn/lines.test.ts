import { describe, expect, it } from "vitest";
import {
  type Activation,
  clipLine,
  collapseLinear,
  createRng,
  DATASET_EXTENT,
  type DatasetName,
  decisionLine,
  decisionMap,
  describeDecisionLine,
  describeUnitLine,
  formatCoordinate,
  initMlp,
  isLinearNet,
  type Line2,
  linear,
  linearLimitNote,
  lineInPlot,
  type Mlp,
  makeDataset,
  NnInputError,
  predict,
  type Segment,
  toChapterWeights,
  train,
  type UnitLine,
  unitLines,
} from "@/lib/ml/nn";

const E = DATASET_EXTENT;

/** A net trained a little so its lines sit somewhere other than where they were drawn. */
function trainedNet(hidden: number, activation: Activation, seed: number, dataset: DatasetName = "xor"): Mlp {
  const net = initMlp({ hidden, activation, seed });
  train(net, makeDataset(dataset, { seed }), { lr: 0.1, steps: 60 });
  return net;
}

/** Points along a segment, its endpoints included. */
function along([x0, y0, x1, y1]: Segment): [number, number][] {
  return [0, 0.25, 0.5, 0.75, 1].map((t) => [x0 + t * (x1 - x0), y0 + t * (y1 - y0)]);
}

/** A point a little way from the segment's midpoint towards the named side. */
function offSide(line: UnitLine, distance = 0.05): [number, number] {
  const [x0, y0, x1, y1] = line.segment as Segment;
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  const shift = { right: [distance, 0], left: [-distance, 0], above: [0, distance], below: [0, -distance] };
  const [dx, dy] = shift[line.activeSide as keyof typeof shift];
  return [mx + (dx as number), my + (dy as number)];
}

const value = ({ a, b, c }: Line2, x: number, y: number) => a * x + b * y + c;

describe("clipLine", () => {
  it("crosses the square exactly when its corners' signs differ; the endpoints are on the line and the border", () => {
    const rng = createRng(3);
    const out = new Float64Array(4);
    let crossing = 0;
    for (let i = 0; i < 5000; i++) {
      const line = { a: rng.normal(), b: rng.normal(), c: rng.normal() * 4 };
      const corners = [value(line, -E, -E), value(line, -E, E), value(line, E, -E), value(line, E, E)];
      const isCrossing = Math.min(...corners) < 0 && Math.max(...corners) > 0;
      expect(clipLine(line.a, line.b, line.c, E, out)).toBe(isCrossing);
      if (!isCrossing) continue;
      crossing++;
      const scale = Math.abs(line.a) + Math.abs(line.b);
      for (const [x, y] of along([...out] as unknown as Segment)) {
        expect(Math.abs(value(line, x, y)) / scale).toBeLessThan(1e-12);
        expect(Math.abs(x)).toBeLessThanOrEqual(E);
        expect(Math.abs(y)).toBeLessThanOrEqual(E);
      }
      for (const k of [0, 2]) {
        const onBorder = Math.max(Math.abs(out[k] as number), Math.abs(out[k + 1] as number));
        expect(onBorder).toBeCloseTo(E, 12);
      }
    }
    // The random lines cover both cases well.
    expect(crossing).toBeGreaterThan(1000);
    expect(crossing).toBeLessThan(4500);
  });

  it("handles axis-parallel lines, a line along the border and zero weights", () => {
    const out = new Float64Array(4);
    expect(clipLine(1, 0, -0.5, E, out)).toBe(true);
    expect([...out]).toEqual([0.5, 2, 0.5, -2]);
    expect(clipLine(0, 2, 1, E, out)).toBe(true);
    expect([...out]).toEqual([-2, -0.5, 2, -0.5]);
    expect(clipLine(0, 1, -2, E, out)).toBe(true); // y = 2, the top edge
    expect(clipLine(0, 1, -2.5, E, out)).toBe(false);
    expect(clipLine(0, 0, 1, E, out)).toBe(false);
    expect(clipLine(1, 1, -4, E, out)).toBe(false); // touches the corner (2, 2) only
  });
});

describe("unitLines: each hidden unit's w·x + b = 0", () => {
  it("points on every returned line give the unit's chapter pre-activation ≈ 0; the named side is active", () => {
    for (const activation of ["relu", "tanh", "sigmoid", "linear"] as const) {
      for (const seed of [1, 2, 3]) {
        const net = trainedNet(8, activation, seed);
        const { w1, b1 } = toChapterWeights(net);
        const lines = unitLines(net, E);
        expect(lines).toHaveLength(8);
        for (const line of lines) {
          const pre = (x: number, y: number) => linear([x, y], w1, b1)[line.unit] as number;
          const row = w1[line.unit] as number[];
          if (line.segment === null) {
            // Misses the square: the sign is the same at every corner, and it is the one named.
            const corners = [pre(-E, -E), pre(-E, E), pre(E, -E), pre(E, E)];
            expect(corners.every((z) => z > 0 === (line.activeSide === "everywhere"))).toBe(true);
            continue;
          }
          const scale = Math.abs(row[0] as number) + Math.abs(row[1] as number);
          for (const [x, y] of along(line.segment)) expect(Math.abs(pre(x, y)) / scale).toBeLessThan(1e-12);
          const [x, y] = offSide(line);
          expect(pre(x, y)).toBeGreaterThan(0);
        }
      }
    }
  });

  it("a line that misses the plot is active everywhere or nowhere, by the sign of its bias", () => {
    expect(lineInPlot({ a: 1, b: 1, c: 10 }, E)).toMatchObject({ segment: null, activeSide: "everywhere" });
    expect(lineInPlot({ a: 1, b: 1, c: -10 }, E)).toMatchObject({ segment: null, activeSide: "nowhere" });
    expect(lineInPlot({ a: 0, b: 0, c: 0 }, E)).toMatchObject({ segment: null, activeSide: "nowhere" });
  });

  it("a single neuron (hidden 0) has one line, its own", () => {
    const net = trainedNet(0, "relu", 4, "gaussian");
    const [line, ...rest] = unitLines(net, E);
    expect(rest).toHaveLength(0);
    const [x, y] = along(line?.segment as Segment)[2] as [number, number];
    expect(predict(net, x, y)).toBeCloseTo(0.5, 12);
  });

  it("refuses a net that does not take points in the plane", () => {
    expect(() => unitLines(initMlp({ inputs: 3, hidden: 2, seed: 1 }), E)).toThrow(NnInputError);
  });
});

describe("decisionLine: a linear net collapses to one line where the output is 0.5", () => {
  const linearNets = () => [
    trainedNet(0, "relu", 1, "gaussian"),
    trainedNet(0, "relu", 2, "xor"),
    trainedNet(8, "linear", 1, "xor"),
    trainedNet(8, "linear", 5, "gaussian"),
    trainedNet(3, "linear", 7, "circles"),
  ];

  it("exists only for linear nets", () => {
    expect(isLinearNet(initMlp({ hidden: 0, seed: 1 }))).toBe(true);
    expect(isLinearNet(initMlp({ hidden: 8, activation: "linear", seed: 1 }))).toBe(true);
    for (const activation of ["relu", "tanh", "sigmoid"] as const) {
      const net = initMlp({ hidden: 8, activation, seed: 1 });
      expect(isLinearNet(net)).toBe(false);
      expect(collapseLinear(net)).toBeNull();
      expect(decisionLine(net, E)).toBeNull();
    }
  });

  it("the collapsed function equals the net's logit everywhere", () => {
    const rng = createRng(9);
    for (const net of linearNets()) {
      const line = collapseLinear(net) as Line2;
      for (let i = 0; i < 50; i++) {
        const [x, y] = [rng.normal(), rng.normal()];
        const p = 1 / (1 + Math.exp(-value(line, x, y)));
        expect(predict(net, x, y)).toBeCloseTo(p, 12);
      }
    }
  });

  it("points on the line give output 0.5, and class 1 lies on the named side", () => {
    for (const net of linearNets()) {
      const line = decisionLine(net, E) as UnitLine;
      if (line.segment === null) continue;
      for (const [x, y] of along(line.segment)) expect(Math.abs(predict(net, x, y) - 0.5)).toBeLessThan(1e-12);
      const [x, y] = offSide(line);
      expect(predict(net, x, y)).toBeGreaterThan(0.5);
    }
  });

  it("matches a brute-force search of the decision map's 0.5 contour, pixel for pixel", () => {
    const resolution = 200;
    const step = (2 * E) / resolution;
    let checked = 0;
    for (const net of linearNets()) {
      const line = decisionLine(net, E) as UnitLine;
      const map = decisionMap(net, { resolution, extent: E });
      // Level ≥ 128 ⇔ round(255 p) ≥ 128 ⇔ p ≥ 0.5: the map's class-1 pixels.
      const isClass1 = (r: number, c: number) => (map[r * resolution + c] as number) >= 128;
      const crossings: [number, number][] = [];
      for (let r = 0; r < resolution; r++) {
        const y = E - (r + 0.5) * step;
        for (let c = 0; c + 1 < resolution; c++) {
          if (isClass1(r, c) !== isClass1(r, c + 1)) crossings.push([-E + (c + 1) * step, y]);
        }
      }
      for (let c = 0; c < resolution; c++) {
        const x = -E + (c + 0.5) * step;
        for (let r = 0; r + 1 < resolution; r++) {
          if (isClass1(r, c) !== isClass1(r + 1, c)) crossings.push([x, E - (r + 1) * step]);
        }
      }
      if (line.segment === null) {
        expect(crossings).toHaveLength(0);
        continue;
      }
      checked++;
      const { a, b, c } = line.line;
      const norm = Math.hypot(a, b);
      // Every contour crossing lies within a pixel of the returned line …
      for (const [x, y] of crossings) expect(Math.abs(a * x + b * y + c) / norm).toBeLessThanOrEqual(step);
      // … and the line's two ends are where the contour meets the border.
      const [x0, y0, x1, y1] = line.segment;
      for (const [ex, ey] of [
        [x0, y0],
        [x1, y1],
      ] as const) {
        const nearest = Math.min(...crossings.map(([x, y]) => Math.hypot(x - ex, y - ey)));
        expect(nearest).toBeLessThanOrEqual(1.5 * step);
      }
      expect(crossings.length).toBeGreaterThan(resolution / 2);
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});

describe("lines in words", () => {
  it("reads like the issue's example and round-trips to the endpoints within a twentieth", () => {
    const line = lineInPlot({ a: 2.5, b: 1, c: 1 }, E, 2);
    expect(describeUnitLine(line)).toBe("unit 3: active right of the line through (−1.2, 2.0) and (0.4, −2.0)");
    const numbers = describeUnitLine(line)
      .replaceAll("\u2212", "-")
      .match(/-?\d+\.\d/g)
      ?.map(Number);
    const segment = line.segment as Segment;
    numbers?.forEach((n, i) => {
      expect(Math.abs(n - (segment[i] as number))).toBeLessThanOrEqual(0.05);
    });
  });

  it("names every side, a line off the plot, and the decision line's class", () => {
    expect(describeUnitLine(lineInPlot({ a: -1, b: 0.2, c: 0 }, E))).toMatch(/^unit 1: active left of /);
    expect(describeUnitLine(lineInPlot({ a: 0.2, b: 1, c: 0 }, E))).toMatch(/active above the line/);
    expect(describeUnitLine(lineInPlot({ a: 0.2, b: -1, c: 0 }, E))).toMatch(/active below the line/);
    expect(describeUnitLine(lineInPlot({ a: 1, b: 0, c: 9 }, E, 1))).toBe(
      "unit 2: active everywhere on the plot (its line does not cross it)",
    );
    expect(describeUnitLine(lineInPlot({ a: 1, b: 0, c: -9 }, E))).toMatch(/active nowhere on the plot/);
    expect(describeDecisionLine(lineInPlot({ a: 0, b: 1, c: 0 }, E))).toBe(
      "decision line: class 1 above the line through (−2.0, 0.0) and (2.0, 0.0)",
    );
  });

  it("formats coordinates with a true minus and no negative zero", () => {
    expect(formatCoordinate(-1.25)).toBe("\u22121.3");
    expect(formatCoordinate(-0.04)).toBe("0.0");
    expect(formatCoordinate(2)).toBe("2.0");
  });
});

describe("linearLimitNote", () => {
  it("says why no line splits XOR and that one line is enough for the two clouds", () => {
    expect(linearLimitNote("xor")).toMatch(
      /^A linear network — one neuron, or layers without a non-linearity — draws one straight decision line, where its output is 0\.5\. No line can split XOR/,
    );
    expect(linearLimitNote("gaussian")).toMatch(/one line is enough/);
    for (const dataset of ["checkerboard", "circles", "spiral"] as const)
      expect(linearLimitNote(dataset)).toMatch(/No line can split/);
  });
});
