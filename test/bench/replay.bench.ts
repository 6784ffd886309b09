/**
 * `npm run bench:replay`: what a challenge's replay costs and whether it reproduces the browser.
 *
 * 1. Cost: lib/classroom replayRun at hidden 32 × 20,000 steps (the settings' maxima) per optimizer,
 *    timed in Node (median of 3), beside the default hidden 8 × 2,000.
 * 2. Agreement: the same replays bundled with esbuild and run in Chromium (/usr/bin/chromium);
 *    every weight's 64 bits compared with Node's.
 * 3. Sensitivity: one init weight moved by one ulp, replayed 20,000 steps: how far the end moves,
 *    the basis of REPLAY_TOLERANCE.
 *
 * A script, not a test: timings never gate CI. Prints `uptime` beside the figures.
 */
import { execSync } from "node:child_process";
import path from "node:path";
import { chromium } from "@playwright/test";
import { build } from "esbuild";
import { REPLAY_TOLERANCE, type ReplayRequest, replayRun, weightDifference } from "@/lib/classroom/challenge-replay";
import { defaultHyperParams, type RunConfig } from "@/lib/classroom/settings";
import { DEFAULT_N, DEFAULT_NOISE, initMlp, makeDataset, toChapterWeights, train } from "@/lib/ml/nn";
import { findChromium } from "../e2e/find-chromium";

const root = path.resolve(import.meta.dirname, "../..");

function config(overrides: Partial<RunConfig>): RunConfig {
  const dataset = overrides.dataset ?? "xor";
  return {
    ...defaultHyperParams(),
    dataset,
    noise: DEFAULT_NOISE[dataset],
    dataSeed: 42,
    targetAccuracy: 0.95,
    ...overrides,
  };
}

const ALL_CASES: { name: string; request: ReplayRequest }[] = [
  { name: "xor h8 sgd 2,000 (default)", request: { config: config({}), steps: 2_000 } },
  { name: "xor h32 sgd 20,000", request: { config: config({ hidden: 32, lr: 0.1 }), steps: 20_000 } },
  {
    name: "xor h32 momentum 20,000",
    request: { config: config({ hidden: 32, lr: 0.05, optimizer: "momentum" }), steps: 20_000 },
  },
  {
    name: "xor h32 adam 20,000",
    request: { config: config({ hidden: 32, lr: 0.01, optimizer: "adam" }), steps: 20_000 },
  },
  {
    name: "spiral h32 adam tanh 20,000",
    request: {
      config: config({ dataset: "spiral", hidden: 32, lr: 0.01, optimizer: "adam", activation: "tanh" }),
      steps: 20_000,
    },
  },
];
const CASES = process.env.REPLAY_CASES ? ALL_CASES.slice(0, Number(process.env.REPLAY_CASES)) : ALL_CASES;

function bits(values: readonly number[]): string[] {
  const view = new DataView(new ArrayBuffer(8));
  return values.map((value) => {
    view.setFloat64(0, value);
    return view.getBigUint64(0).toString(16);
  });
}

function fromBits(hex: readonly string[]): number[] {
  const view = new DataView(new ArrayBuffer(8));
  return hex.map((word) => {
    view.setBigUint64(0, BigInt(`0x${word}`));
    return view.getFloat64(0);
  });
}

/** Largest relative difference, as weightDifference measures it (∞ on different lengths). */
function spreadOf(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return Number.POSITIVE_INFINITY;
  return a.reduce(
    (worst, x, i) => Math.max(worst, Math.abs(x - (b[i] as number)) / Math.max(1, Math.abs(b[i] as number))),
    0,
  );
}

function flat(weights: NonNullable<ReturnType<typeof replayRun>["weights"]>): number[] {
  return [...weights.w1.flat(), ...weights.b1, ...weights.w2.flat(), ...weights.b2];
}

function timeNode(request: ReplayRequest): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    replayRun(request);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[1] ?? Number.NaN;
}

async function chromiumReplays(): Promise<{ bits: string[][]; ms: number[] } | null> {
  const executablePath = await findChromium();
  if (!executablePath) return null;
  const bundle = await build({
    entryPoints: [path.join(root, "lib/classroom/challenge-replay.ts")],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "ReplayCore",
    platform: "browser",
    alias: { "@": root },
  });
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    await page.setContent("<!doctype html><title>replay</title>");
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? "" });
    return await page.evaluate(
      (requests) => {
        const core = (globalThis as unknown as { ReplayCore: { replayRun: typeof replayRun } }).ReplayCore;
        const view = new DataView(new ArrayBuffer(8));
        const out: { bits: string[][]; ms: number[] } = { bits: [], ms: [] };
        for (const request of requests) {
          const start = performance.now();
          const { weights } = core.replayRun(request);
          out.ms.push(performance.now() - start);
          const values = weights ? [...weights.w1.flat(), ...weights.b1, ...weights.w2.flat(), ...weights.b2] : [];
          out.bits.push(
            values.map((value) => {
              view.setFloat64(0, value);
              return view.getBigUint64(0).toString(16);
            }),
          );
        }
        return out;
      },
      CASES.map((entry) => entry.request),
    );
  } finally {
    await browser.close();
  }
}

/** One ulp added to the first init weight, then the run trained as usual: the end's largest relative move. */
function oneUlpSpread(request: ReplayRequest): number {
  const { config: c, steps } = request;
  const data = makeDataset(c.dataset, { n: DEFAULT_N, noise: c.noise, seed: c.dataSeed });
  const net = initMlp({ hidden: c.hidden, activation: c.activation, seed: c.initSeed, initScale: c.initScale });
  const first = net.params[0] as number;
  net.params[0] = first + Math.abs(first) * Number.EPSILON;
  train(net, data, { lr: c.lr, optimizer: c.optimizer, steps });
  const reference = replayRun(request).weights;
  return reference ? weightDifference(toChapterWeights(net), reference) : Number.NaN;
}

console.log(`load average before: ${execSync("uptime").toString().trim()}`);
const node = CASES.map(({ name, request }) => {
  const weights = replayRun(request).weights;
  return { name, ms: timeNode(request), bits: weights ? bits(flat(weights)) : [] };
});
const browser = await chromiumReplays();
console.log(
  "\ncase                              node ms   chromium ms   weights bit-equal   chromium vs node   1-ulp spread",
);
node.forEach((row, i) => {
  const theirs = browser?.bits[i] ?? [];
  const equal = theirs.filter((word, k) => word === row.bits[k]).length;
  const same = browser ? `${equal}/${row.bits.length}` : "n/a";
  const apart = browser ? spreadOf(fromBits(theirs), fromBits(row.bits)).toExponential(1) : "n/a";
  const spread = oneUlpSpread(CASES[i]?.request as ReplayRequest);
  console.log(
    `${row.name.padEnd(33)} ${row.ms.toFixed(0).padStart(7)}   ${(browser?.ms[i] ?? Number.NaN).toFixed(0).padStart(11)}   ${same.padStart(17)}   ${apart.padStart(16)}   ${spread.toExponential(1)}`,
  );
});
console.log(`\nREPLAY_TOLERANCE = ${REPLAY_TOLERANCE} (relative, per weight)`);
console.log(`load average after: ${execSync("uptime").toString().trim()}`);
