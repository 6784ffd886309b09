/** The load report: a table of measured figures against the issue's targets, with pass/fail. */
import type { LoopSummary } from "./loop-stats";

/** What a load run measured. NaN or null means "not measured", shown as such. */
export type LoadFigures = {
  students: number;
  durationSeconds: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencySamples: number;
  serverCpuCores: number;
  serverPeakRssBytes: number;
  /** RSS once the server was ready (before any client), when the window started and when it ended. */
  serverRssReadyBytes: number;
  serverRssStartBytes: number;
  serverRssEndBytes: number;
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
  /** The server's event loop over the window (test/load/loop-monitor.ts). */
  loop: LoopSummary;
  /** The writer's state from /api/health at the end of the window. */
  writer: string;
  /** The CPU profile's top functions (with --cpu-prof), formatted. */
  profileTop: string | null;
  /** Refusals by code over the whole run. */
  refused: Record<string, number>;
  rows: Record<string, number>;
  /** The 1-minute load average when the window started, and the machine's CPU count. */
  loadAverage: number;
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

/** The table, one figure per line, aligned. */
export function formatReport(figures: LoadFigures): string {
  const verdict = (value: number | null, limit: number) =>
    value === null || Number.isNaN(value) ? "n/a" : value < limit ? "PASS" : "FAIL";
  const ms = (value: number) => (Number.isNaN(value) ? "n/a" : `${value.toFixed(0)} ms`);
  const rows: Row[] = [
    ["students", String(figures.students), "", ""],
    ["window", `${figures.durationSeconds.toFixed(0)} s`, "", ""],
    ["latency p50 (send → teacher)", ms(figures.latencyP50Ms), "", ""],
    [
      "latency p99 (send → teacher)",
      ms(figures.latencyP99Ms),
      `< ${TARGETS.latencyP99Ms} ms`,
      verdict(figures.latencyP99Ms, TARGETS.latencyP99Ms),
    ],
    ["latency samples", String(figures.latencySamples), "", ""],
    [
      "server CPU",
      `${figures.serverCpuCores.toFixed(2)} cores`,
      `< ${TARGETS.serverCpuCores} core`,
      verdict(figures.serverCpuCores, TARGETS.serverCpuCores),
    ],
    [
      "server peak RSS",
      `${(figures.serverPeakRssBytes / MIB).toFixed(0)} MB`,
      `< ${TARGETS.serverPeakRssBytes / MIB} MB`,
      verdict(figures.serverPeakRssBytes, TARGETS.serverPeakRssBytes),
    ],
    [
      "server RSS ready / start / end",
      `${[figures.serverRssReadyBytes, figures.serverRssStartBytes, figures.serverRssEndBytes].map((bytes) => (bytes / MIB).toFixed(0)).join(" / ")} MB`,
      "",
      "",
    ],
    [
      "server event loop utilisation mean / max",
      `${figures.loop.eluMean.toFixed(2)} / ${figures.loop.eluMax.toFixed(2)}`,
      "",
      "",
    ],
    [
      "server event loop lag p99 / max (worst second)",
      `${ms(figures.loop.lagP99Ms)} / ${ms(figures.loop.lagMaxMs)}`,
      "",
      "",
    ],
    ["DB commits/s", figures.dbCommitsPerSecond.toFixed(1), "", ""],
    ["DB rows written/s", figures.dbRowsWrittenPerSecond.toFixed(1), "", ""],
    [
      "dashboard longest task",
      figures.dashboardLongestTaskMs === null ? "n/a" : ms(figures.dashboardLongestTaskMs),
      `≤ ${TARGETS.dashboardLongestTaskMs} ms`,
      figures.dashboardLongestTaskMs === null
        ? "n/a"
        : figures.dashboardLongestTaskMs <= TARGETS.dashboardLongestTaskMs
          ? "PASS"
          : "FAIL",
    ],
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  if (figures.dashboardNote) lines.push(`dashboard: ${figures.dashboardNote}`);
  const perStudent = figures.progressPerSecond / figures.students;
  lines.push(
    `offered load: ${figures.progressPerSecond.toFixed(0)} progress updates/s (${perStudent.toFixed(2)} per student; 4/s while training is the most a browser sends)`,
    `other CPU (not the server's): bots ${figures.botCpuCores.toFixed(2)} cores in child processes, load process ${figures.loadProcessCpuCores.toFixed(2)}, Chromium ${figures.chromiumCpuCores.toFixed(2)}`,
    `server heap cap: ${figures.heapMb} MB (--max-old-space-size)`,
    `writer at the end (/api/health): ${figures.writer}`,
    `refused by the server (whole run): ${
      Object.entries(figures.refused)
        .map(([code, count]) => `${code} ${count}`)
        .join(", ") || "none"
    }`,
    `database rows at the end: ${Object.entries(figures.rows)
      .map(([table, count]) => `${table} ${count}`)
      .join(", ")}`,
  );
  if (figures.profileTop) lines.push(`server CPU profile top five: ${figures.profileTop}`);
  if (figures.loadAverage > figures.cpuCount * BUSY_MACHINE_SHARE) {
    lines.push(
      `WARNING: the machine was busy before the window (load average ${figures.loadAverage.toFixed(1)} on ${figures.cpuCount} CPUs): latency and task lengths include waiting for a CPU; rerun on an idle machine.`,
    );
  }
  return lines.join("\n");
}
