/**
 * `npm run bench`: throughput of the MLP core for the classroom's case — a 2-8-1 ReLU net on 200
 * noisy-XOR points, full batch — called exactly as the Worker calls it, beside a per-sample
 * nested-array baseline measured in the same run. A script, not a test: timings never gate CI.
 *
 * Targets on an idle core: ≥ 90,000 mlpStep epochs/s and ≥ 4,000 100×100 decision maps/s.
 */
import {
  DATASET_EXTENT,
  DEFAULT_HIDDEN,
  DEFAULT_LR,
  decisionMap,
  initMlp,
  makeDataset,
  mlpStep,
  toChapterWeights,
  type Vector,
} from "@/lib/ml/nn";
import { baselineMap, baselineStep, type NestedNet } from "./baseline";

/** Each repetition runs for at least this long so timer granularity and GC pauses average out. */
const REP_MS = 500;
/** Repetitions per measurement; the median resists the ±30 % noise of a shared 2-core machine. */
const REPS = 7;
/** Warm-up before measuring, so V8 has optimised the hot functions. */
const WARMUP_MS = 500;
const MAP_RESOLUTION = 100;
const SEED = 1;

type Rate = { median: number; best: number };
/** `name` labels the case for whoever reads or extends the list below. */
type Case = { name: string; fn: () => void; batch: number };

/** Calls `fn` in batches of `batch` for at least `ms`; returns calls per second. */
function runFor({ fn, batch }: Case, ms: number): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) fn();
    calls += batch;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return calls / (elapsed / 1000);
}

/**
 * Measures the cases round-robin — one repetition of each in turn, REPS times — so a burst of
 * load from another process hits fast path and baseline alike and the ratios stay honest.
 * Returns calls/s per case per repetition.
 */
function measureInterleaved(cases: Case[]): number[][] {
  for (const c of cases) runFor(c, WARMUP_MS);
  const rates = cases.map(() => [] as number[]);
  for (let rep = 0; rep < REPS; rep++) {
    cases.forEach((c, i) => {
      rates[i]?.push(runFor(c, REP_MS));
    });
  }
  return rates;
}

function summarize(rates: number[]): Rate {
  const sorted = [...rates].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] as number, best: sorted[sorted.length - 1] as number };
}

function format(rate: Rate, unit: string): string {
  const f = (v: number) => Math.round(v).toLocaleString("en-US");
  return `${f(rate.median)} ${unit} (median of ${REPS}), best ${f(rate.best)}`;
}

/** Median over repetitions of fast/slow measured back to back in the same repetition. */
function medianRatio(fast: number[], slow: number[]): number {
  return summarize(fast.map((f, i) => f / (slow[i] as number))).median;
}

const data = makeDataset("xor", { n: 200, seed: SEED });
const stepOptions = { lr: DEFAULT_LR };
const mapOptions = { resolution: MAP_RESOLUTION, extent: DATASET_EXTENT, out: new Uint8Array(MAP_RESOLUTION ** 2) };

const net = initMlp({ hidden: DEFAULT_HIDDEN, seed: SEED });
const nested: NestedNet = toChapterWeights(initMlp({ hidden: DEFAULT_HIDDEN, seed: SEED }));
const points: Vector[] = Array.from({ length: data.ys.length }, (_, p) => [
  data.xs[2 * p] as number,
  data.xs[2 * p + 1] as number,
]);
const labels = Array.from(data.ys);

const [fastStep = [], fastMap = [], slowStep = [], slowMap = []] = measureInterleaved([
  { name: "mlpStep", fn: () => mlpStep(net, data, stepOptions), batch: 1000 },
  { name: "decisionMap", fn: () => decisionMap(net, mapOptions), batch: 10 },
  { name: "baseline step", fn: () => baselineStep(nested, points, labels, DEFAULT_LR), batch: 50 },
  { name: "baseline map", fn: () => baselineMap(nested, MAP_RESOLUTION, DATASET_EXTENT), batch: 1 },
]);

console.log(
  `2-${DEFAULT_HIDDEN}-1 ReLU, ${data.ys.length} XOR points, full batch, ${REPS} interleaved reps × ≥${REP_MS} ms`,
);
console.log(`mlpStep          ${format(summarize(fastStep), "epochs/s")}   target ≥ 90,000`);
console.log(`decisionMap      ${format(summarize(fastMap), "grids/s")}   (100 × 100)   target ≥ 4,000`);
console.log(`baseline step    ${format(summarize(slowStep), "epochs/s")}`);
console.log(`baseline map     ${format(summarize(slowMap), "grids/s")}`);
console.log(
  `speed-up (median of per-rep ratios): step ×${medianRatio(fastStep, slowStep).toFixed(1)}, map ×${medianRatio(fastMap, slowMap).toFixed(1)}`,
);
