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

/** Calls `fn` in batches of `batch` and returns calls per second (median and best of REPS). */
function measure(fn: () => void, batch: number): Rate {
  const runFor = (ms: number): number => {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      for (let i = 0; i < batch; i++) fn();
      calls += batch;
      elapsed = performance.now() - start;
    } while (elapsed < ms);
    return calls / (elapsed / 1000);
  };
  runFor(WARMUP_MS);
  const rates = Array.from({ length: REPS }, () => runFor(REP_MS)).sort((a, b) => a - b);
  return { median: rates[Math.floor(REPS / 2)] as number, best: rates[REPS - 1] as number };
}

function format(rate: Rate, unit: string): string {
  const f = (v: number) => Math.round(v).toLocaleString("en-US");
  return `${f(rate.median)} ${unit} (median of ${REPS}), best ${f(rate.best)}`;
}

const data = makeDataset("xor", { n: 200, seed: SEED });
const stepOptions = { lr: DEFAULT_LR };
const mapOptions = { resolution: MAP_RESOLUTION, extent: DATASET_EXTENT, out: new Uint8Array(MAP_RESOLUTION ** 2) };

const net = initMlp({ hidden: DEFAULT_HIDDEN, seed: SEED });
const fastStep = measure(() => mlpStep(net, data, stepOptions), 1000);
const fastMap = measure(() => decisionMap(net, mapOptions), 10);

const nested: NestedNet = toChapterWeights(initMlp({ hidden: DEFAULT_HIDDEN, seed: SEED }));
const points: Vector[] = Array.from({ length: data.ys.length }, (_, p) => [data.xs[2 * p] as number, data.xs[2 * p + 1] as number]);
const labels = Array.from(data.ys);
const slowStep = measure(() => baselineStep(nested, points, labels, DEFAULT_LR), 50);
const slowMap = measure(() => baselineMap(nested, MAP_RESOLUTION, DATASET_EXTENT), 1);

console.log(`2-${DEFAULT_HIDDEN}-1 ReLU, ${data.ys.length} XOR points, full batch, ${REPS} reps × ≥${REP_MS} ms`);
console.log(`mlpStep          ${format(fastStep, "epochs/s")}   target ≥ 90,000`);
console.log(`decisionMap      ${format(fastMap, "grids/s")}   (100 × 100)   target ≥ 4,000`);
console.log(`baseline step    ${format(slowStep, "epochs/s")}`);
console.log(`baseline map     ${format(slowMap, "grids/s")}`);
console.log(
  `speed-up (median): step ×${(fastStep.median / slowStep.median).toFixed(1)}, map ×${(fastMap.median / slowMap.median).toFixed(1)}`,
);
