import { beforeAll, describe, expect, it } from "vitest";
import {
  CELL_STUBS,
  cellWeights,
  checkForwardPass,
  checkLinear,
  checkTraining,
  digitsToTellApart,
  FORWARD_PASS_POINTS,
  formatNumber,
  MISSING_RELU_HINT,
  OUTPUT_RELU_HINT,
  type RunCode,
  reportError,
  SHOWN_DIGITS,
  SUM_ORDER_HINT,
  TIMEOUT_MESSAGE,
} from "@/lib/cells";
import { judgePlateau, makeDataset, mlpForward, XOR_PLATEAU } from "@/lib/ml/nn";
import { createNodeRunner } from "./node-runner";

/** Short in tests: the endless loop is cut by the vm's own timer, whatever the limit. */
const TEST_TIME_LIMIT_MS = 300;
/** Training 2,000 steps takes ~100 ms on an idle core but seconds on a loaded CI machine; only the
 * never-ends cases need the short limit, so the training cell gets room. */
const TRAINING_TIME_LIMIT_MS = 20_000;

const CORRECT_LINEAR = `function linear(x, weight, bias) {
  return weight.map((row, r) => {
    let acc = 0;
    for (let i = 0; i < x.length; i++) acc += x[i] * row[i];
    return acc + bias[r];
  });
}`;

const CORRECT_FORWARD = `function mlpForward(x, w1, b1, w2, b2) {
  return linear(relu(linear(x, w1, b1)), w2, b2);
}`;

let run: RunCode;
let runTraining: RunCode;
beforeAll(async () => {
  run = await createNodeRunner(TEST_TIME_LIMIT_MS);
  runTraining = await createNodeRunner(TRAINING_TIME_LIMIT_MS);
});

describe("checkLinear", () => {
  it("passes a correct linear layer on every case", async () => {
    const report = await checkLinear(run, CORRECT_LINEAR);
    expect(report.error).toBeNull();
    expect(report.cases.length).toBeGreaterThanOrEqual(4);
    expect(report.cases.every((c) => c.isPassed)).toBe(true);
    expect(report.isPassed).toBe(true);
    expect(reportError(report, 500)).toBeUndefined();
  });

  it("fails the stub with the inputs, expected and got values", async () => {
    const report = await checkLinear(run, CELL_STUBS[1]);
    expect(report.isPassed).toBe(false);
    expect(report.headline).toBe("Not yet.");
    expect(report.cases[0]).toMatchObject({
      isPassed: false,
      input: "x = [1, 2], weight = [[3, 4], [5, 6]], bias = [0.5, -1]",
      expected: "[11.5, 16]",
      got: "[]",
    });
    expect(report.cases.every((c) => c.input?.startsWith("x = ["))).toBe(true);
  });

  it("fails an off-by-one loop (skips the last input)", async () => {
    const code = CORRECT_LINEAR.replace("i < x.length", "i < x.length - 1");
    const report = await checkLinear(run, code);
    expect(report.isPassed).toBe(false);
    expect(report.cases[0]).toMatchObject({ isPassed: false, expected: "[11.5, 16]", got: "[3.5, 4]" });
    expect(report.hint).toBeNull();
  });

  it("fails a wrong shape (one output per input instead of per row) and says why", async () => {
    const code = "function linear(x, weight, bias) { return x.map((v, i) => v * weight[0][i] + bias[0]); }";
    const report = await checkLinear(run, code);
    const outNotIn = report.cases.find((c) => c.name === "3 inputs → 2 outputs");
    expect(outNotIn).toMatchObject({ isPassed: false, note: "expected 2 numbers, got 3" });
  });

  it("fails NaN outputs and names the element", async () => {
    const report = await checkLinear(run, "function linear(x, weight, bias) { return weight.map(() => NaN); }");
    expect(report.isPassed).toBe(false);
    expect(report.cases[0]).toMatchObject({ got: "[NaN, NaN]", note: "element 0 is NaN" });
  });

  it("reports a thrown error with its line in the student's code", async () => {
    const code = "function linear(x, weight, bias) {\n  const out = [];\n  throw new Error('not yet');\n}";
    const report = await checkLinear(run, code);
    expect(report.isPassed).toBe(false);
    expect(report.cases[0]?.note).toBe("line 3: Error: not yet");
    expect(reportError(report, 500)).toContain("line 3: Error: not yet");
  });

  it("reports a runtime TypeError with its line", async () => {
    const code = "function linear(x, weight, bias) {\n\n  return weight.nope.map(() => 0);\n}";
    const report = await checkLinear(run, code);
    expect(report.cases[0]?.note).toMatch(/^line 3: TypeError/);
  });

  it("reports a syntax error before running anything", async () => {
    const report = await checkLinear(run, "function linear(x, weight, bias) {\n  return [;\n}");
    expect(report.isPassed).toBe(false);
    expect(report.error?.kind).toBe("syntax");
    expect(report.cases).toEqual([]);
  });

  it("stops code that never ends with the time-limit message", async () => {
    const report = await checkLinear(run, "function linear(x, weight, bias) { while (true) {} }");
    expect(report.isPassed).toBe(false);
    expect(report.error).toEqual({ kind: "timeout", message: TIMEOUT_MESSAGE, line: null });
  });

  it("stops an endless loop at the top level too", async () => {
    const report = await checkLinear(run, "for (;;) {}\nfunction linear() { return []; }");
    expect(report.error?.kind).toBe("timeout");
  });

  it("says when the function is missing", async () => {
    const report = await checkLinear(run, "function linearLayer(x, w, b) { return []; }");
    expect(report.error).toMatchObject({ kind: "missing", message: "Define a function named linear" });
  });

  it("recognises a sum in another order as close but not equal and hints at the order", async () => {
    const biasFirst = CORRECT_LINEAR.replace("let acc = 0;", "let acc = bias[r];").replace(
      "return acc + bias[r];",
      "return acc;",
    );
    const report = await checkLinear(run, biasFirst);
    expect(report.isPassed).toBe(false);
    const closeCase = report.cases.find((c) => c.note === "close, but not equal");
    expect(closeCase?.got).toMatch(/^\[0\.17500000000000002, /);
    expect(closeCase?.expected).toMatch(/^\[0\.175, /);
    expect(report.hint).toBe(SUM_ORDER_HINT);
  });
});

describe("number formats", () => {
  it("shows six significant digits unless more are needed to tell a value from the reference", () => {
    expect(formatNumber(0.123456789012345, SHOWN_DIGITS)).toBe("0.123457");
    expect(formatNumber(-0, SHOWN_DIGITS)).toBe("0");
    expect(formatNumber(16, SHOWN_DIGITS)).toBe("16");
    expect(digitsToTellApart([0.123456789], [0.123456789])).toBe(SHOWN_DIGITS);
    expect(digitsToTellApart([0.12345678], [0.12345698])).toBe(7);
    expect(digitsToTellApart([0.175], [0.17500000000000002])).toBe(17);
    expect(formatNumber(0.17500000000000002, 17)).toBe("0.17500000000000002");
  });
});

describe("cellWeights", () => {
  it("is the same for the same seed and differs between seeds", () => {
    expect(cellWeights(42)).toEqual(cellWeights(42));
    expect(cellWeights(42)).not.toEqual(cellWeights(43));
  });

  it("has the chapter's shapes and readable 3-decimal values in ±1", () => {
    const { w1, b1, w2, b2 } = cellWeights(7);
    expect(w1).toHaveLength(4);
    expect(w1.every((row) => row.length === 2)).toBe(true);
    expect([b1.length, w2.length, w2[0]?.length, b2.length]).toEqual([4, 1, 4, 1]);
    for (const value of [...w1.flat(), ...b1, ...w2.flat(), ...b2]) {
      expect(Math.abs(value)).toBeLessThanOrEqual(1);
      expect(Math.round(value * 1000) / 1000).toBe(value);
    }
  });
});

describe("checkForwardPass", () => {
  const weights = cellWeights(42);

  it("passes the student's own linear + relu and draws a bar per test point", async () => {
    const report = await checkForwardPass(run, CORRECT_FORWARD, { weights, linearCode: CORRECT_LINEAR });
    expect(report.isPassed).toBe(true);
    expect(report.headline).toBe("Passed: your outputs match the reference exactly.");
    // Outputs read as six significant digits, not a double's sixteen.
    for (const c of report.cases) expect(c.expected).toMatch(/^\[-?\d+(\.\d{1,6})?(e-?\d+)?\]$/);
    expect(report.cases.map((c) => c.got)).toEqual(report.cases.map((c) => c.expected));
    expect(report.bars).toHaveLength(4);
    FORWARD_PASS_POINTS.forEach((point, i) => {
      const expected = mlpForward(point, weights.w1, weights.b1, weights.w2, weights.b2)[0];
      expect(report.bars?.[i]).toEqual({ point, expected, got: expected });
    });
  });

  it("fails a forward pass without the ReLU", async () => {
    const report = await checkForwardPass(
      run,
      "function mlpForward(x, w1, b1, w2, b2) { return linear(linear(x, w1, b1), w2, b2); }",
      {
        weights,
        linearCode: CORRECT_LINEAR,
      },
    );
    expect(report.isPassed).toBe(false);
    expect(report.bars?.some((bar) => bar.got !== bar.expected)).toBe(true);
    expect(report.hint).toBe(MISSING_RELU_HINT);
  });

  it("names the missing ReLU however the student skipped it (inlined sums, no helper)", async () => {
    const inlined = `function mlpForward(x, w1, b1, w2, b2) {
  const h = w1.map((row, r) => row.reduce((acc, w, i) => acc + w * x[i], 0) + b1[r]);
  return w2.map((row, r) => row.reduce((acc, w, i) => acc + w * h[i], 0) + b2[r]);
}`;
    const report = await checkForwardPass(run, inlined, { weights, linearCode: CORRECT_LINEAR });
    expect(report.isPassed).toBe(false);
    expect(report.hint).toBe(MISSING_RELU_HINT);
  });

  it("has its own hint for a ReLU on the output as well", async () => {
    // Seed 42's weights give a negative output on some point, so the extra ReLU shows.
    const extra = "function mlpForward(x, w1, b1, w2, b2) { return relu(linear(relu(linear(x, w1, b1)), w2, b2)); }";
    expect(
      FORWARD_PASS_POINTS.some((p) => (mlpForward(p, weights.w1, weights.b1, weights.w2, weights.b2)[0] ?? 0) < 0),
    ).toBe(true);
    const report = await checkForwardPass(run, extra, { weights, linearCode: CORRECT_LINEAR });
    expect(report.isPassed).toBe(false);
    expect(report.hint).toBe(OUTPUT_RELU_HINT);
  });

  it("gives neither ReLU hint for another mistake or a correct pass", async () => {
    const doubled =
      "function mlpForward(x, w1, b1, w2, b2) { return linear(relu(linear(x, w1, b1)), w2, b2).map((v) => 2 * v); }";
    const wrong = await checkForwardPass(run, doubled, { weights, linearCode: CORRECT_LINEAR });
    expect(wrong.isPassed).toBe(false);
    expect(wrong.hint).toBeNull();
    const right = await checkForwardPass(run, CORRECT_FORWARD, { weights, linearCode: CORRECT_LINEAR });
    expect(right.hint).toBeNull();
  });

  it("explains a broken linear from cell 1", async () => {
    const report = await checkForwardPass(run, CORRECT_FORWARD, { weights, linearCode: "function linear( {" });
    expect(report.isPassed).toBe(false);
    expect(report.cases[0]?.note).toMatch(/previous cell/);
  });
});

describe("checkTraining", () => {
  const data = makeDataset("xor", { seed: 42 });

  it("passes the stub's loop, which reaches 95 % on XOR", async () => {
    const report = await checkTraining(runTraining, CELL_STUBS[3], { data, targetAccuracy: 0.95 });
    expect(report.error).toBeNull();
    expect(report.isPassed).toBe(true);
    expect(report.training?.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.training?.curve.length).toBeGreaterThan(100);
    // The starter code runs the lesson's plateau settings: its curve is flat, then drops.
    expect(judgePlateau(report.training?.curve.map(([, loss]) => loss) ?? []).isPlateau).toBe(true);
    // A training cell has no reference output: it says what the network reached, not "match exactly".
    expect(report.headline).toMatch(/^Passed: your network reached \d+\.\d % on XOR \(target ≥ 95\.0 %\), final loss /);
    expect(report.headline).not.toContain("reference");
  });

  it("fails a single neuron (no hidden layer) with the capacity advice", async () => {
    const report = await checkTraining(runTraining, CELL_STUBS[3].replace("const hidden = 8;", "const hidden = 0;"), {
      data,
      targetAccuracy: 0.95,
    });
    expect(report.isPassed).toBe(false);
    expect(report.headline).toMatch(/^Not yet: your network reached \d+\.\d % on XOR/);
    expect(report.hint).toMatch(/more capacity/);
  });

  it("fails a diverging run with the step-size advice", async () => {
    const report = await checkTraining(
      runTraining,
      CELL_STUBS[3].replace(`const lr = ${XOR_PLATEAU.lr};`, "const lr = 1e6;"),
      {
        data,
        targetAccuracy: 0.95,
      },
    );
    expect(report.isPassed).toBe(false);
    expect(report.hint).toMatch(/smaller learning rate/);
  });
});
