/**
 * Preloaded into the server under load (`node --import ./test/load/loop-monitor.ts`), never in
 * production: once a second it prints the event loop's utilisation and delay over that second on
 * one line, `LOOP {"elu":…,"lagP50Ms":…,"lagP99Ms":…,"lagMaxMs":…}`, for the load tool to read.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

/** The delay histogram's sampling period: fine enough for 1-ms lags, cheap enough not to matter. */
const RESOLUTION_MS = 10;
const REPORT_EVERY_MS = 1000;
const NS_PER_MS = 1e6;

const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
delay.enable();
let last = performance.eventLoopUtilization();
const timer = setInterval(() => {
  const now = performance.eventLoopUtilization();
  const interval = performance.eventLoopUtilization(now, last);
  last = now;
  // The histogram includes the sampling period itself; subtract it so an idle loop reads ~0.
  const lag = (ns: number) => Math.max(0, ns / NS_PER_MS - RESOLUTION_MS);
  const line = {
    elu: Math.round(interval.utilization * 1000) / 1000,
    lagP50Ms: lag(delay.percentile(50)),
    lagP99Ms: lag(delay.percentile(99)),
    lagMaxMs: lag(delay.max),
  };
  delay.reset();
  process.stdout.write(`LOOP ${JSON.stringify(line)}\n`);
}, REPORT_EVERY_MS);
timer.unref();
