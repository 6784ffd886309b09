/**
 * Runs the chapter's Python helpers (`relu`, `linear`, `mlp_forward` from `llm/nn.py`) in python3
 * as an oracle for the TypeScript contract. Test-only: it spawns a process.
 *
 * Numbers cross the boundary as JSON, which prints the shortest round-tripping decimal in both
 * languages (Python's `repr`), so every double arrives bit for bit. Two details need care:
 * JSON.stringify writes -0 as 0, so -0 travels as the string "-0.0"; and Python would read `1` as
 * an int and then do exact integer arithmetic, so the oracle parses every number as a float.
 */
import { spawnSync } from "node:child_process";
import type { Matrix, Vector } from "@/lib/ml/nn";

/** One forward-pass case: inputs and weights in the chapter's shapes. */
export type OracleCase = { x: Vector; w1: Matrix; b1: Vector; w2: Matrix; b2: Vector };
/** The oracle's answer: the hidden layer `relu(linear(x, w1, b1))` and `mlp_forward`'s output. */
export type OracleResult = { hidden: Vector; output: Vector };
export type OracleRun = {
  pythonVersion: string;
  /** Results of the explicit left-to-right loop, the reference on every Python version. */
  loop: OracleResult[];
  /** Results of the chapter's code verbatim; null on Python ≥ 3.12, whose sum() is compensated. */
  chapter: OracleResult[] | null;
};

const PYTHON_TIMEOUT_MS = 30_000; // a cold python3 start on a busy 2-core machine takes ~1 s

const ORACLE_SOURCE = `
import json, sys

def relu(x):
    return [max(0.0, value) for value in x]

def linear_chapter(x, weight, bias):
    return [sum(xi * wi for xi, wi in zip(x, row)) + b for row, b in zip(weight, bias)]

def linear_loop(x, weight, bias):
    out = []
    for row, b in zip(weight, bias):
        acc = 0
        for xi, wi in zip(x, row):
            acc += xi * wi
        out.append(acc + b)
    return out

def run(linear, case):
    hidden = relu(linear(case["x"], case["w1"], case["b1"]))
    return {"hidden": hidden, "output": linear(hidden, case["w2"], case["b2"])}

def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    return float(value)

cases = decode(json.loads(sys.stdin.read(), parse_int=float))
sequential_sum = sys.version_info < (3, 12)
print(json.dumps({
    "pythonVersion": sys.version.split()[0],
    "loop": [run(linear_loop, c) for c in cases],
    "chapter": [run(linear_chapter, c) for c in cases] if sequential_sum else None,
}))
`;

/** JSON for Python that keeps the sign of zero. */
export function encodeCases(cases: readonly OracleCase[]): string {
  return JSON.stringify(cases, (_key, value: unknown) => (Object.is(value, -0) ? "-0.0" : value));
}

/** Inverse of {@link encodeCases} after JSON.parse. */
export function decodeNumbers<T>(value: T): T {
  if (Array.isArray(value)) return value.map(decodeNumbers) as T;
  if (value === "-0.0") return -0 as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeNumbers(v)])) as T;
  }
  return value;
}

/** Runs the oracle; returns null when python3 is not installed. Throws if it is present but fails. */
export function runChapterOracle(cases: readonly OracleCase[]): OracleRun | null {
  const run = spawnSync("python3", ["-c", ORACLE_SOURCE], {
    input: encodeCases(cases),
    encoding: "utf8",
    timeout: PYTHON_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error && (run.error as NodeJS.ErrnoException).code === "ENOENT") return null;
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`python3 oracle failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as OracleRun;
}
