/**
 * Where a page's main thread went, for `npm run bench:dashboard -- --profile`: Chromium's trace
 * (the DevTools timeline's events on the renderer's main thread, summed by self time: script,
 * layout, paint, GC, canvas…) and V8's CPU profile (JavaScript functions by self time). Both cost
 * some speed while recording, so the bench's figures come from a run without them.
 */
import type { CDPSession, Page } from "@playwright/test";

/** The DevTools timeline's categories, as its Performance panel records them. */
const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "toplevel",
  "v8.execute",
  "blink.user_timing",
];
/** V8's sampling interval in µs: fine enough for 20 s, small enough to leave the page its speed. */
const SAMPLING_INTERVAL_US = 500;
/** Rows printed per table. */
const TOP = 15;

type TraceEvent = {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
};
type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** A recording in progress; `stop` prints the tables. */
export type PageProfile = { stop(seconds: number): Promise<string> };

/** Starts Chromium's trace and V8's profiler on `page`. */
export async function startPageProfile(page: Page): Promise<PageProfile> {
  const browser = page.context().browser();
  if (!browser) throw new Error("--profile needs a launched browser");
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: SAMPLING_INTERVAL_US });
  await cdp.send("Profiler.start");
  return {
    async stop(seconds) {
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
      const trace = JSON.parse((await browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] };
      await cdp.detach();
      return [mainThreadTable(trace.traceEvents, seconds), functionTable(profile, seconds)].join("\n");
    },
  };
}

/** Self time (ms per second of scroll) of the trace's complete events on the busiest renderer main thread. */
function mainThreadTable(events: readonly TraceEvent[], seconds: number): string {
  const mainThreads = events.filter((event) => event.ph === "M" && event.args?.name === "CrRendererMain");
  const complete = events.filter((event) => event.ph === "X" && event.dur !== undefined);
  // The dashboard's renderer is the main thread with the most traced time.
  let best: { key: string; total: number } | null = null;
  for (const thread of mainThreads) {
    const key = `${thread.pid}:${thread.tid}`;
    const total = complete
      .filter((event) => `${event.pid}:${event.tid}` === key && event.name === "RunTask")
      .reduce((sum, event) => sum + (event.dur ?? 0), 0);
    if (!best || total > best.total) best = { key, total };
  }
  if (!best) return "  trace: no renderer main thread found";
  const own = complete
    .filter((event) => `${event.pid}:${event.tid}` === best.key)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Self time: an event's duration minus its direct children's (events nest by time on one thread).
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const event of own) {
    const end = event.ts + (event.dur ?? 0);
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= event.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - (event.dur ?? 0));
    self.set(event.name, (self.get(event.name) ?? 0) + (event.dur ?? 0));
    stack.push({ end, name: event.name });
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  return [
    `  main thread by trace event, self time in ms per second of scroll (RunTask total ${(best.total / 1000 / seconds).toFixed(0)}):`,
    ...rows.map(([name, us]) => `    ${(us / 1000 / seconds).toFixed(1).padStart(7)}  ${name}`),
  ].join("\n");
}

/** JavaScript self time by function (ms per second of scroll), from V8's samples. */
function functionTable(profile: CpuProfile, seconds: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i] ?? -1);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split("/").pop() ?? "";
    const key = `${functionName || "(anonymous)"} ${file}${file ? `:${lineNumber + 1}` : ""}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  return [
    "  JavaScript by function, self time in ms per second of scroll:",
    ...rows.map(([name, us]) => `    ${(us / 1000 / seconds).toFixed(1).padStart(7)}  ${name}`),
  ].join("\n");
}
