/** The server's event-loop figures over a window, from the LOOP lines test/load/loop-monitor.mjs prints. */

/** One second of one process's loop, as printed (`pid` tells a cluster's processes apart). */
export type LoopSample = {
  pid?: number;
  elu: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** V8 heap used and memory outside it (Buffers, wasm), MB; absent in an older monitor's lines. */
  heapMb?: number;
  externalMb?: number;
};
/** A window's summary; the memory figures are each second's largest, NaN when not printed. */
export type LoopSummary = {
  samples: number;
  eluMean: number;
  eluMax: number;
  lagP99Ms: number;
  lagMaxMs: number;
  heapMaxMb: number;
  externalMaxMb: number;
};

const LOOP_LINE = /^LOOP (\{.*\})$/gm;

/** Every LOOP sample in `output`, in order; lines that do not parse are skipped. */
export function parseLoopSamples(output: string): LoopSample[] {
  const samples: LoopSample[] = [];
  for (const match of output.matchAll(LOOP_LINE)) {
    try {
      const sample = JSON.parse(match[1] ?? "") as LoopSample;
      if ([sample.elu, sample.lagP99Ms, sample.lagMaxMs].every(Number.isFinite)) samples.push(sample);
    } catch {
      // A line cut by a crash: not a sample.
    }
  }
  return samples;
}

/**
 * Mean and max utilisation, and the worst second's p99 and max delay, of `samples`.
 *
 * @example summarizeLoop(parseLoopSamples(output).slice(startIndex)) // { eluMean: 0.42, … }
 */
export function summarizeLoop(samples: readonly LoopSample[]): LoopSummary {
  if (samples.length === 0)
    return {
      samples: 0,
      eluMean: Number.NaN,
      eluMax: Number.NaN,
      lagP99Ms: Number.NaN,
      lagMaxMs: Number.NaN,
      heapMaxMb: Number.NaN,
      externalMaxMb: Number.NaN,
    };
  const largest = (values: (number | undefined)[]) =>
    values.some((value) => value === undefined) ? Number.NaN : Math.max(...(values as number[]));
  return {
    samples: samples.length,
    eluMean: samples.reduce((sum, s) => sum + s.elu, 0) / samples.length,
    eluMax: Math.max(...samples.map((s) => s.elu)),
    lagP99Ms: Math.max(...samples.map((s) => s.lagP99Ms)),
    lagMaxMs: Math.max(...samples.map((s) => s.lagMaxMs)),
    heapMaxMb: largest(samples.map((s) => s.heapMb)),
    externalMaxMb: largest(samples.map((s) => s.externalMb)),
  };
}

/** {@link summarizeLoop} of one process's samples (`pid`), for a cluster's per-worker figures. */
export function summarizeLoopOf(samples: readonly LoopSample[], pid: number): LoopSummary {
  return summarizeLoop(samples.filter((sample) => sample.pid === pid));
}
