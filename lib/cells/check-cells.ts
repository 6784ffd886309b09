/**
 * The checker: runs a cell's code through a {@link RunCode} and compares every output with
 * lib/ml/nn's reference, exactly. Pure: the same checker runs in the browser and in tests.
 */

import {
  ACTIVATIONS,
  accuracy,
  type Dataset,
  fromChapterWeights,
  isDiverged,
  linear,
  type Mlp,
  mlpForward,
  relu,
  type Vector,
} from "../ml/nn";
import { z } from "../zod";
import type { CellWeights } from "./cell-weights";
import { compareVectors, digitsToTellApart, formatValue, SHOWN_DIGITS, type Verdict } from "./compare";
import { CELL, CELL_ENTRY, type CellNumber, FORWARD_PASS_POINTS, LINEAR_CASES } from "./definitions";
import { type CallResult, type CodeError, GIVEN, OUTPUT, type RunCode } from "./runner";

/** One case as the page's table shows it; `input` lists the arguments, when they are worth reading. */
export type CaseReport = {
  name: string;
  input: string | null;
  isPassed: boolean;
  expected: string;
  got: string;
  note: string | null;
};

/** Cell 2's bars: per test point, the reference's output and the student's (null when none). */
export type ForwardBar = { point: Vector; expected: number; got: number | null };

/** Cell 3's trained network and its curve, for the map and the loss chart. */
export type TrainingOutcome = { net: Mlp; curve: [step: number, loss: number][]; accuracy: number };

/** Everything a check found. */
export type CellReport = {
  cell: CellNumber;
  isPassed: boolean;
  /** One line on the outcome: "match the reference exactly" for cells 1 and 2, what the net reached for cell 3. */
  headline: string;
  cases: CaseReport[];
  /** An error that stopped the whole run (syntax, time limit, missing function), else null. */
  error: CodeError | null;
  /** Advice beyond the cases, e.g. the sum-order hint; null when there is none. */
  hint: string | null;
  bars?: ForwardBar[];
  training?: TrainingOutcome;
};

/** Shown when every output is a few rounding steps from the reference's. */
export const SUM_ORDER_HINT =
  "Close, but not equal: your numbers differ from the reference's in the last digits. Start each sum at 0, add x[i] * weight[r][i] from left to right, and add the bias last — the same arithmetic in the same order gives exactly the same doubles.";

/**
 * Shown when a wrong forward pass is exactly the net without its ReLU, linear(linear(x, w1, b1), w2, b2):
 * the chapter's collapse, met in code.
 */
export const MISSING_RELU_HINT =
  "Your outputs are what the network gives without its ReLU: apply relu to the first layer's output before the second linear layer, relu(linear(x, w1, b1)). Without it the two layers collapse into one linear layer, W2(W1x + b1) + b2, which draws a single line.";
/** Shown when a wrong forward pass puts a ReLU on the output as well. */
export const OUTPUT_RELU_HINT =
  "Your outputs are the right ones passed through one more ReLU: the chapter's network has a ReLU only between the layers; return the second linear layer's output as it is.";

/**
 * Cell 1: the student's `linear(x, weight, bias)` on every case of {@link LINEAR_CASES}.
 *
 * @example const report = await checkLinear(run, editorText); report.isPassed
 */
export async function checkLinear(run: RunCode, code: string): Promise<CellReport> {
  const response = await run({
    code,
    entry: CELL_ENTRY[1],
    given: GIVEN.chapter,
    output: OUTPUT.values,
    calls: LINEAR_CASES.map((c) => [c.x, c.weight, c.bias]),
  });
  if (!response.ok) return failed(CELL.linear, response.error);
  const verdicts: Verdict[] = [];
  const cases = LINEAR_CASES.map((testCase, i) => {
    const expected = linear(testCase.x, testCase.weight, testCase.bias);
    const input = `x = ${formatValue(testCase.x)}, weight = ${formatValue(testCase.weight)}, bias = ${formatValue(testCase.bias)}`;
    return judge(testCase.name, input, expected, response.results[i], verdicts);
  });
  return finish(CELL.linear, cases, verdicts);
}

/** Options for {@link checkForwardPass}. */
export type ForwardPassOptions = { weights: CellWeights; linearCode: string };

/**
 * Cell 2: the student's `mlpForward(x, w1, b1, w2, b2)` on the four test points with the session's
 * cell weights; it may call the student's cell-1 `linear` (from `linearCode`) and `relu`.
 */
export async function checkForwardPass(run: RunCode, code: string, options: ForwardPassOptions): Promise<CellReport> {
  const { w1, b1, w2, b2 } = options.weights;
  const response = await run({
    code,
    entry: CELL_ENTRY[2],
    helper: { code: options.linearCode, entry: CELL_ENTRY[1] },
    given: GIVEN.chapter,
    output: OUTPUT.values,
    calls: FORWARD_PASS_POINTS.map((point) => [point, w1, b1, w2, b2]),
  });
  if (!response.ok) return failed(CELL.forwardPass, response.error);
  const verdicts: Verdict[] = [];
  const bars: ForwardBar[] = [];
  const cases = FORWARD_PASS_POINTS.map((point, i) => {
    const expected = mlpForward(point, w1, b1, w2, b2);
    const result = response.results[i];
    const got =
      result?.ok && Array.isArray(result.value) && typeof result.value[0] === "number" ? result.value[0] : null;
    bars.push({ point, expected: expected[0] ?? 0, got: got !== null && Number.isFinite(got) ? got : null });
    return judge(`point (${point.join(", ")})`, null, expected, result, verdicts);
  });
  const report = finish(CELL.forwardPass, cases, verdicts);
  const hint = report.isPassed ? null : (forwardPassMistake(response.results, options.weights) ?? report.hint);
  return { ...report, hint, bars };
}

/**
 * The chapter's two classic forward-pass mistakes, recognised by recomputing them: no ReLU between
 * the layers, or a ReLU on the output too. A mistake counts only when the student's outputs match
 * it (exactly or within rounding) on every point and it differs from the right answer somewhere,
 * so a correct pass on weights where the ReLU never bites is never blamed.
 */
function forwardPassMistake(results: readonly (CallResult | undefined)[], weights: CellWeights): string | null {
  const { w1, b1, w2, b2 } = weights;
  const mistakes: Array<{ hint: string; compute: (point: Vector) => number[] }> = [
    { hint: MISSING_RELU_HINT, compute: (point) => linear(linear(point, w1, b1), w2, b2) },
    { hint: OUTPUT_RELU_HINT, compute: (point) => relu(mlpForward(point, w1, b1, w2, b2)) },
  ];
  for (const { hint, compute } of mistakes) {
    let isDifferent = false;
    const isMatch = FORWARD_PASS_POINTS.every((point, i) => {
      const result = results[i];
      if (!result?.ok) return false;
      const mistaken = compute(point);
      if (compareVectors(mlpForward(point, w1, b1, w2, b2), mistaken).kind !== "exact") isDifferent = true;
      const verdict = compareVectors(mistaken, result.value).kind;
      return verdict === "exact" || verdict === "close";
    });
    if (isMatch && isDifferent) return hint;
  }
  return null;
}

/** Options for {@link checkTraining}. */
export type TrainingOptions = { data: Dataset; targetAccuracy: number };

/** What the runner returns for cell 3: the net as chapter weights (null if not finite) and its curve. */
const trainingValueSchema = z.object({
  weights: z
    .object({
      w1: z.array(z.array(z.number())),
      b1: z.array(z.number()),
      w2: z.array(z.array(z.number())),
      b2: z.array(z.number()),
      activation: z.enum(ACTIVATIONS),
    })
    .nullable(),
  curve: z.array(z.tuple([z.int().min(0), z.number().nullable()])).max(2_000),
});

/** Cell 3: the student's `trainXor(data)`; passes when the net reaches the target accuracy on `data`. */
export async function checkTraining(run: RunCode, code: string, options: TrainingOptions): Promise<CellReport> {
  const response = await run({
    code,
    entry: CELL_ENTRY[3],
    given: GIVEN.training,
    output: OUTPUT.training,
    calls: [[options.data]],
  });
  if (!response.ok) return failed(CELL.training, response.error);
  const result = response.results[0];
  if (!result?.ok)
    return failed(
      CELL.training,
      result?.error ?? { kind: "runtime", message: "trainXor returned nothing", line: null },
    );
  const parsed = trainingValueSchema.safeParse(result.value);
  if (!parsed.success) {
    return failed(CELL.training, {
      kind: "runtime",
      message: "trainXor must return { net, losses }: the net from initMlp and the list of losses",
      line: null,
    });
  }
  const { weights, curve } = parsed.data;
  const target = `≥ ${formatPercent(options.targetAccuracy)}`;
  // The core's rule: a non-finite loss, or one above 10 × the first, is a diverged run.
  const firstLoss = curve[0]?.[1] ?? Number.NaN;
  const hasDiverged = weights === null || curve.some(([, loss]) => loss === null || isDiverged(loss, firstLoss));
  if (hasDiverged || weights === null) {
    const cases = [
      { name: "accuracy on XOR", input: null, isPassed: false, expected: target, got: "the loss blew up", note: null },
    ];
    return {
      cell: CELL.training,
      isPassed: false,
      headline: "Not yet: the loss blew up.",
      cases,
      error: null,
      hint: "The run diverged: take more careful steps — a smaller learning rate.",
    };
  }
  let net: Mlp;
  try {
    net = fromChapterWeights(weights, { activation: weights.activation });
  } catch (error) {
    return failed(CELL.training, {
      kind: "runtime",
      message: error instanceof Error ? error.message : "The returned net is not valid",
      line: null,
    });
  }
  const reached = accuracy(net, options.data);
  const isPassed = reached >= options.targetAccuracy;
  const finalLoss = curve.at(-1)?.[1];
  const lossText = finalLoss == null ? "–" : finalLoss.toPrecision(3);
  const cases: CaseReport[] = [
    { name: "accuracy on XOR", input: null, isPassed, expected: target, got: formatPercent(reached), note: null },
    { name: "final loss", input: null, isPassed, expected: "low", got: lossText, note: null },
  ];
  // A training cell has no reference output to match: say what the student's network reached.
  const headline = `${isPassed ? "Passed" : "Not yet"}: your network reached ${formatPercent(reached)} on XOR (target ${target}), final loss ${lossText}.`;
  const hint = isPassed
    ? null
    : "Not there yet: give it more capacity (a bigger hidden layer), more time (more iterations), or a better step size.";
  const points = curve.map(([step, loss]) => [step, loss ?? 0] as [number, number]);
  return {
    cell: CELL.training,
    isPassed,
    headline,
    cases,
    error: null,
    hint,
    training: { net, curve: points, accuracy: reached },
  };
}

/** The one-line message the server stores as the cell's last error (lib/protocol caps its length). */
export function reportError(report: CellReport, maxChars: number): string | undefined {
  if (report.isPassed) return undefined;
  const firstFailure = report.cases.find((c) => !c.isPassed);
  const text = report.error
    ? `${report.error.line === null ? "" : `line ${report.error.line}: `}${report.error.message}`
    : firstFailure
      ? `${firstFailure.name}: expected ${firstFailure.expected}, got ${firstFailure.got}${firstFailure.note ? ` (${firstFailure.note})` : ""}`
      : (report.hint ?? "not passed");
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

function judge(
  name: string,
  input: string | null,
  expected: number[],
  result: CallResult | undefined,
  verdicts: Verdict[],
): CaseReport {
  const expectedText = formatValue(expected, 0, SHOWN_DIGITS);
  if (!result) return { name, input, isPassed: false, expected: expectedText, got: "no result", note: null };
  if (!result.ok) {
    const { line, message } = result.error;
    return {
      name,
      input,
      isPassed: false,
      expected: expectedText,
      got: "an error",
      note: `${line === null ? "" : `line ${line}: `}${message}`,
    };
  }
  const verdict = compareVectors(expected, result.value);
  verdicts.push(verdict);
  const got = result.value;
  const isComparable = Array.isArray(got) && got.length === expected.length && got.every((v) => typeof v === "number");
  const digits = isComparable ? digitsToTellApart(expected, got as number[]) : SHOWN_DIGITS;
  const note =
    verdict.kind === "shape" || verdict.kind === "nan"
      ? verdict.message
      : verdict.kind === "close"
        ? "close, but not equal"
        : null;
  return {
    name,
    input,
    isPassed: verdict.kind === "exact",
    expected: formatValue(expected, 0, digits),
    got: formatValue(got, 0, digits),
    note,
  };
}

function finish(cell: CellNumber, cases: CaseReport[], verdicts: Verdict[]): CellReport {
  const isPassed = cases.length > 0 && cases.every((c) => c.isPassed);
  const isOnlyClose =
    !isPassed &&
    verdicts.some((v) => v.kind === "close") &&
    verdicts.every((v) => v.kind === "exact" || v.kind === "close");
  return {
    cell,
    isPassed,
    headline: isPassed ? "Passed: your outputs match the reference exactly." : "Not yet.",
    cases,
    error: null,
    hint: isOnlyClose ? SUM_ORDER_HINT : null,
  };
}

function failed(cell: CellNumber, error: CodeError): CellReport {
  return { cell, isPassed: false, headline: "Not yet.", cases: [], error, hint: null };
}

function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}
