/**
 * Preloaded into the server under load (`node --import ./test/load/loop-monitor.mjs`), never in
 * production: once a second it prints the event loop's utilisation and delay over that second on
 * one line, `LOOP {"pid":…,"elu":…,"lagP50Ms":…,"lagP99Ms":…,"lagMaxMs":…,"heapMb":…,"externalMb":…}`, for
 * the load tool to read (heap used and memory outside it, Buffers included: where the RSS goes).
 * Under `start:cluster` every worker (and the primary) prints its own lines, told apart by `pid`:
 * it reaches them through NODE_OPTIONS, which is why it is plain JavaScript (NODE_OPTIONS' imports
 * also run in tsx's loader thread, where a .ts file cannot load) and watches the main thread only.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

/** The delay histogram's sampling period: fine enough for 1-ms lags, cheap enough not to matter. */
const RESOLUTION_MS = 10;
const REPORT_EVERY_MS = 1000;
const NS_PER_MS = 1e6;
const MIB = 1024 * 1024;

if (isMainThread) startMonitor();

function startMonitor() {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const interval = performance.eventLoopUtilization(now, last);
    last = now;
    // The histogram includes the sampling period itself; subtract it so an idle loop reads ~0.
    const lag = (/** @type {number} */ ns) => Math.max(0, ns / NS_PER_MS - RESOLUTION_MS);
    const memory = process.memoryUsage();
    const line = {
      pid: process.pid,
      elu: Math.round(interval.utilization * 1000) / 1000,
      lagP50Ms: lag(delay.percentile(50)),
      lagP99Ms: lag(delay.percentile(99)),
      lagMaxMs: lag(delay.max),
      heapMb: Math.round(memory.heapUsed / MIB),
      externalMb: Math.round(memory.external / MIB),
    };
    delay.reset();
    process.stdout.write(`LOOP ${JSON.stringify(line)}\n`);
  }, REPORT_EVERY_MS);
  timer.unref();
}
