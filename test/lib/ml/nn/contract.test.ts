import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { linear, mlpForward, NnInputError, relu, type Vector } from "@/lib/ml/nn";
import { decodeNumbers, type OracleCase, type OracleResult, runChapterOracle } from "./chapter-oracle";
import { quadrantCases, randomCases } from "./oracle-cases";

type Fixture = { pythonVersion: string; cases: OracleCase[]; expected: OracleResult[] };
const fixture = decodeNumbers(
  JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/chapter-oracle.json"), "utf8")),
) as Fixture;

/** The TypeScript contract on one case, in the oracle's shape. */
function contractResult(c: OracleCase): OracleResult {
  return { hidden: relu(linear(c.x, c.w1, c.b1)), output: mlpForward(c.x, c.w1, c.b1, c.w2, c.b2) };
}

/** Exact equality, element by element, including the sign of zero (Object.is). */
function expectSameDoubles(actual: Vector, expected: Vector, where: string): void {
  expect(actual.length, where).toBe(expected.length);
  actual.forEach((v, i) => {
    if (!Object.is(v, expected[i])) {
      throw new Error(`${where}[${i}]: TypeScript ${v} !== Python ${String(expected[i])}`);
    }
  });
}

function expectMatches(cases: OracleCase[], expected: OracleResult[], label: string): void {
  expect(expected.length).toBe(cases.length);
  cases.forEach((c, k) => {
    const ours = contractResult(c);
    const theirs = expected[k] as OracleResult;
    expectSameDoubles(ours.hidden, theirs.hidden, `${label} case ${k} hidden`);
    expectSameDoubles(ours.output, theirs.output, `${label} case ${k} output`);
  });
}

describe("relu and linear on hand-worked examples", () => {
  it("relu keeps positives and clips negatives to +0, like Python's max(0.0, v)", () => {
    const out = relu([-2, -0, 0, 1e-300, 3.5]);
    expect(out).toEqual([0, 0, 0, 1e-300, 3.5]);
    expect(Object.is(out[1], 0)).toBe(true); // max(0.0, -0.0) is 0.0, not -0.0
  });

  it("linear computes W x + b with one row per output neuron", () => {
    // [3·1 + 4·2 + 0.5, 5·1 + 6·2 − 1] = [11.5, 16]
    expect(
      linear(
        [1, 2],
        [
          [3, 4],
          [5, 6],
        ],
        [0.5, -1],
      ),
    ).toEqual([11.5, 16]);
    // A 1 × 3 row: 2·1 − 1·1 + 0.5·4 + 0 = 3
    expect(linear([1, 1, 4], [[2, -1, 0.5]], [0])).toEqual([3]);
  });

  it("linear adds left to right from 0, then the bias (not the other way round)", () => {
    // (1e16 + 1) rounds back to 1e16, then + 1 again; adding the bias first would give 1e16 + 2.
    expect(linear([1e16, 1], [[1, 1]], [1])).toEqual([1e16]);
    // Left to right: (0.1 + 0.2) + 0.3 = 0.6000000000000001, not 0.1 + (0.2 + 0.3) = 0.6.
    expect(linear([0.1, 0.2, 0.3], [[1, 1, 1]], [0])[0]).toBe(0.6000000000000001);
  });

  it("mlpForward chains linear, relu, linear", () => {
    // hidden = relu([1 − (−1), −1 + 1 − 1]) = relu([2, −1]) = [2, 0]; out = 3·2 − 5·0 + 1 = 7
    expect(
      mlpForward(
        [1, -1],
        [
          [1, -1],
          [1, 1],
        ],
        [0, -1],
        [[3, -5]],
        [1],
      ),
    ).toEqual([7]);
  });
});

describe("the readable contract equals the chapter's Python helpers bit for bit", () => {
  const run = runChapterOracle([...fixture.cases, ...randomCases(99, 60)]);
  const freshCases = randomCases(99, 60);

  it("at the four quadrant points and on random shapes", () => {
    if (run === null) {
      console.warn(
        `python3 not found: comparing with the committed fixture (made with Python ${fixture.pythonVersion}) instead`,
      );
      expectMatches(fixture.cases, fixture.expected, "fixture");
      return;
    }
    const fixtureCount = fixture.cases.length;
    expectMatches(fixture.cases, run.loop.slice(0, fixtureCount), `python ${run.pythonVersion}`);
    expectMatches(freshCases, run.loop.slice(fixtureCount), `python ${run.pythonVersion} fresh`);
    if (run.chapter === null) {
      console.warn(`Python ${run.pythonVersion} ≥ 3.12 compensates sum(); compared with the explicit loop only`);
    } else {
      // On CPython ≤ 3.11 the chapter's sum() code itself is the oracle.
      expectMatches(fixture.cases, run.chapter.slice(0, fixtureCount), "chapter code");
      expectMatches(freshCases, run.chapter.slice(fixtureCount), "chapter code fresh");
    }
  });

  it("the committed fixture still agrees with Python", () => {
    if (run === null) {
      console.warn("python3 not found: cannot check the fixture against Python");
      expectMatches(fixture.cases, fixture.expected, "fixture");
      return;
    }
    fixture.expected.forEach((e, k) => {
      const p = run.loop[k] as OracleResult;
      expectSameDoubles(e.output, p.output, `fixture case ${k}`);
    });
  });

  it("covers the quadrant points and the rounding-sensitive random cases", () => {
    // Guards the fixture's coverage: 2 weight sets × 4 quadrants first, then random shapes.
    expect(fixture.cases.slice(0, 8).map((c) => c.x)).toEqual(quadrantCases().map((c) => c.x));
    expect(fixture.cases.length).toBeGreaterThanOrEqual(48);
  });
});

describe("contract input checks", () => {
  it("rejects mismatched shapes instead of truncating like Python's zip", () => {
    expect(() => linear([1, 2], [[1, 2, 3]], [0])).toThrow(NnInputError);
    expect(() => linear([1, 2], [[1, 2]], [0, 1])).toThrow(/bias has length 2 but weight has 1 rows/);
    expect(() => mlpForward([1, 2], [[1, 2]], [0], [[1, 2]], [0])).toThrow(/weight\[0\] has length 2, expected 1/);
  });

  it("rejects NaN and Infinity in inputs and weights, naming where", () => {
    expect(() => relu([1, Number.NaN])).toThrow(/x\[1\] must be a finite number/);
    expect(() => linear([1, 2], [[1, Number.POSITIVE_INFINITY]], [0])).toThrow(/weight\[0\]\[1\]/);
    expect(() => linear([Number.NEGATIVE_INFINITY], [[1]], [0])).toThrow(NnInputError);
    expect(() => linear([1], [[1]], [Number.NaN])).toThrow(/bias\[0\]/);
  });
});
