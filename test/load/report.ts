/** The load report: a table of measured figures against the issue's targets, with pass/fail. */
import type { ServerFigures, ServerProcessFigures } from "./server-sample";

/** What a load run measured. NaN or null means "not measured", shown as such. */
export type LoadFigures = {
  /** The command line that produced the figures, as typed (for the note). */
  command: string;
  /** When the window started (ISO), for the note. */
  startedAt: string;
  students: number;
  durationSeconds: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencySamples: number;
  /** `start:cluster --workers N` (with Redis), or 0 for one `npm start` process. */
  workers: number;
  /** The Redis the cluster shared classes through (no credentials), or null. */
  redis: string | null;
  /** Every server process over the window, and their CPU together. */
  server: ServerFigures;
  /** RSS of each server process once it was ready, before any client (a cluster's primary first). */
  serverRssReadyBytes: readonly number[];
  dbCommitsPerSecond: number;
  dbRowsWrittenPerSecond: number;
  /** Longest dashboard main-thread task during the window; null when the dashboard did not load. */
  dashboardLongestTaskMs: number | null;
  dashboardNote: string;
  /** Progress updates all bots sent per second during the window (the offered load). */
  progressPerSecond: number;
  botCpuCores: number;
  /** The load tool's own process (latency probes, probe bots) and the dashboard's Chromium. */
  loadProcessCpuCores: number;
  chromiumCpuCores: number;
  heapMb: number;
  /** The writer's state from /api/health at the end of the window. */
  writer: string;
  /** The CPU profiles' top functions (with --cpu-prof), formatted, one per server process. */
  profileTop: string | null;
  /**
   * A cluster's classes moving between its processes over the whole run, from the workers' log
   * lines (a lease lost, a class taken over); null for one process. Nothing is killed during a
   * load run, so any move is a fault: the lease flipping under load.
   */
  classMoves: { lost: number; takenOver: number } | null;
  /** Reconnects of every bot over the whole run. */
  botReconnects: number;
  /** Refusals by event and code ("progress:update RATE_LIMITED") over the whole run. */
  refused: Record<string, number>;
  rows: Record<string, number>;
  /** The 1-, 5- and 15-minute load averages when the window started and ended, and the CPU count. */
  loadAverage: readonly number[];
  loadAverageEnd: readonly number[];
  cpuCount: number;
};

/** The issue's targets. */
export const TARGETS = {
  /** p99 student send → teacher receive. */
  latencyP99Ms: 250,
  serverCpuCores: 1,
  serverPeakRssBytes: 500 * 1024 * 1024,
  dashboardLongestTaskMs: 100,
} as const;

const MIB = 1024 * 1024;
/** Load average above this share of the CPUs means other work competed with the measurement. */
const BUSY_MACHINE_SHARE = 0.75;

type Row = [label: string, value: string, target: string, verdict: string];

/** The table, one figure per line, aligned, then the notes: one block to paste. */
export function formatReport(figures: LoadFigures): string {
  const failures: string[] = [];
  const verdict = (label: string, value: number | null, limit: number) => {
    if (value === null || Number.isNaN(value)) return "n/a";
    if (value < limit) return "PASS";
    failures.push(label);
    return "FAIL";
  };
  const ms = (value: number) => (Number.isNaN(value) ? "n/a" : `${value.toFixed(0)} ms`);
  const mb = (bytes: number) => (Number.isNaN(bytes) ? "n/a" : `${(bytes / MIB).toFixed(0)} MB`);
  const loads = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(" ");
  const refusals = Object.values(figures.refused).reduce((sum, count) => sum + count, 0);
  const isCluster = figures.workers > 0;
  const rows: Row[] = [
    ["students", String(figures.students), "", ""],
    [
      "server",
      isCluster
        ? `start:cluster --workers ${figures.workers}, Redis ${figures.redis ?? "?"}`
        : `one process (npm start's command line)`,
      "",
      "",
    ],
    ["window", `${figures.durationSeconds.toFixed(0)} s from ${figures.startedAt}`, "", ""],
    [
      "load average 1/5/15 min, start → end",
      `${loads(figures.loadAverage)} → ${loads(figures.loadAverageEnd)}`,
      "",
      "",
    ],
    ["latency p50 (send → teacher)", ms(figures.latencyP50Ms), "", ""],
    [
      "latency p99 (send → teacher)",
      ms(figures.latencyP99Ms),
      `< ${TARGETS.latencyP99Ms} ms`,
      verdict("latency p99", figures.latencyP99Ms, TARGETS.latencyP99Ms),
    ],
    ["latency samples", String(figures.latencySamples), "", ""],
  ];
  if (isCluster) rows.push(["server CPU, all processes", `${figures.server.totalCpuCores.toFixed(2)} cores`, "", ""]);
  for (const process of figures.server.processes) rows.push(...processRows(process, verdict, ms, mb));
  rows.push(
    ["server RSS when ready (before any client)", figures.serverRssReadyBytes.map(mb).join(" / "), "", ""],
    ["DB commits/s", figures.dbCommitsPerSecond.toFixed(1), "", ""],
    ["DB rows written/s", figures.dbRowsWrittenPerSecond.toFixed(1), "", ""],
    ["refused by the server (whole run)", String(refusals), "none", refusals === 0 ? "PASS" : fail("refusals")],
    ...classMoveRows(figures, fail),
    [
      "dashboard longest task",
      figures.dashboardLongestTaskMs === null ? "n/a" : ms(figures.dashboardLongestTaskMs),
      `≤ ${TARGETS.dashboardLongestTaskMs} ms`,
      figures.dashboardLongestTaskMs === null
        ? "n/a"
        : figures.dashboardLongestTaskMs <= TARGETS.dashboardLongestTaskMs
          ? "PASS"
          : fail("dashboard longest task"),
    ],
  );
  function fail(label: string): string {
    failures.push(label);
    return "FAIL";
  }
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const lines = [`$ ${figures.command}`];
  lines.push(
    ...rows.map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    ),
  );
  if (figures.dashboardNote) lines.push(`dashboard: ${figures.dashboardNote}`);
  const perStudent = figures.progressPerSecond / figures.students;
  lines.push(
    `offered load: ${figures.progressPerSecond.toFixed(0)} progress updates/s (${perStudent.toFixed(2)} per student; 4/s while training is the most a browser sends)`,
    `other CPU (not the server's): bots ${figures.botCpuCores.toFixed(2)} cores in child processes, load process ${figures.loadProcessCpuCores.toFixed(2)}, Chromium ${figures.chromiumCpuCores.toFixed(2)}`,
    `server heap cap: ${figures.heapMb} MB per process (--max-old-space-size)`,
    `writer at the end (/api/health${isCluster ? ", the worker that answered" : ""}): ${figures.writer}`,
    `refused by event and code: ${
      Object.entries(figures.refused)
        .map(([code, count]) => `${code} ${count}`)
        .join(", ") || "none"
    }`,
    `database rows at the end: ${Object.entries(figures.rows)
      .map(([table, count]) => `${table} ${count}`)
      .join(", ")}`,
  );
  if (figures.profileTop) lines.push(`server CPU profile top five: ${figures.profileTop}`);
  lines.push(failures.length === 0 ? "verdict: every target met" : `verdict: FAILED ${failures.join(", ")}`);
  const busiest = Math.max(figures.loadAverage[0] ?? 0, figures.loadAverageEnd[0] ?? 0);
  if (busiest > figures.cpuCount * BUSY_MACHINE_SHARE) {
    lines.push(
      `WARNING: the machine was busy (1-minute load average up to ${busiest.toFixed(1)} on ${figures.cpuCount} CPUs, the server and its load included): latency and task lengths include waiting for a CPU; rerun on an idle machine.`,
    );
  }
  return lines.join("\n");
}

/** A cluster's class moves (none is the target: nothing is killed) and the bots' reconnects. */
function classMoveRows(figures: LoadFigures, fail: (label: string) => string): Row[] {
  const reconnects: Row = ["bot reconnects (whole run)", String(figures.botReconnects), "", ""];
  if (!figures.classMoves) return [reconnects];
  const { lost, takenOver } = figures.classMoves;
  const moves = lost + takenOver;
  return [
    [
      "class moved between workers (whole run)",
      `${moves} (leases lost ${lost}, taken over ${takenOver})`,
      "none",
      moves === 0 ? "PASS" : fail("class moved between workers"),
    ],
    reconnects,
  ];
}

/** One server process's rows: CPU and peak RSS against the targets (not a cluster's primary). */
function processRows(
  process: ServerProcessFigures,
  verdict: (label: string, value: number | null, limit: number) => string,
  ms: (value: number) => string,
  mb: (bytes: number) => string,
): Row[] {
  const name = process.role === "server" ? "server" : `${process.role} ${process.pid}`;
  const isTargeted = process.role !== "primary";
  const targeted = (label: string, value: number, limit: number) =>
    isTargeted ? verdict(`${name} ${label}`, value, limit) : "";
  return [
    [
      `${name} CPU`,
      `${process.cpuCores.toFixed(2)} cores`,
      isTargeted ? `< ${TARGETS.serverCpuCores} core` : "",
      targeted("CPU", process.cpuCores, TARGETS.serverCpuCores),
    ],
    [
      `${name} peak RSS`,
      mb(process.peakRssBytes),
      isTargeted ? `< ${TARGETS.serverPeakRssBytes / MIB} MB` : "",
      targeted("peak RSS", process.peakRssBytes, TARGETS.serverPeakRssBytes),
    ],
    [`${name} RSS start / end`, `${mb(process.rssStartBytes)} / ${mb(process.rssEndBytes)}`, "", ""],
    [
      `${name} V8 heap used / outside the heap, largest`,
      `${process.loop.heapMaxMb.toFixed(0)} MB / ${process.loop.externalMaxMb.toFixed(0)} MB`,
      "",
      "",
    ],
    [
      `${name} event loop utilisation mean / max`,
      `${process.loop.eluMean.toFixed(2)} / ${process.loop.eluMax.toFixed(2)}`,
      "",
      "",
    ],
    [
      `${name} event loop lag p99 / max (worst second)`,
      `${ms(process.loop.lagP99Ms)} / ${ms(process.loop.lagMaxMs)}`,
      "",
      "",
    ],
  ];
}
