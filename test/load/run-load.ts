/**
 * `npm run load`: 300 simulated students against one server process (or, with `--workers N`,
 * against `start:cluster` with Redis), with the teacher's dashboard open in Chromium. Reports
 * teacher-side latency p50/p99, CPU, RSS and event loop per server process, DB commits and rows/s,
 * refusals and the dashboard's longest main-thread task, against the issue's targets, in one block.
 * A measurement script, not a test: it prints figures and exits 0 unless something broke (a
 * server process that dies fails the run: no figures from a dead server).
 */

import { mkdtemp, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createPrismaClient } from "../../server/db/client";
import { applyMigrations } from "../../server/db/migrate";
import { MAX_BOTS } from "../../server/simulator/args";
import { postgresProvisioner } from "../../tools/dev-db/temp-database";
import { startBotProcesses } from "./bot-processes";
import { createLoadClass } from "./create-load-class";
import { openDashboardOrNote } from "./dashboard";
import { countClassRows, readDbCounters } from "./db-stats";
import { readProfileTop, readWriter, sumCpu } from "./end-figures";
import { openLatencyProbe, percentile, startProbeBots } from "./latency-probe";
import { parseLoadArgs } from "./load-args";
import { parseLoopSamples } from "./loop-stats";
import { memoryBytes, treeCpuSeconds } from "./proc-stats";
import { formatReport } from "./report";
import { buildPages, START_HEAP_MB, startServerProcess } from "./server-process";
import { serverPids, startServerSample } from "./server-sample";

/** The local PostgreSQL the brief names; DATABASE_URL overrides (the load DB is created beside it). */
const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
/** 300 joins over HTTP at 8 at a time on 2 cores take well under a minute; 3 means stuck. */
const JOIN_RAMP_TIMEOUT_MS = 180_000;
/** …and a lecture hall takes proportionally longer: 1,000 get 10 minutes on a busy machine. */
const JOIN_RAMP_MS_PER_STUDENT = 600;
/** Progress lines while waiting and measuring. */
const STATUS_EVERY_MS = 10_000;
/** The Redis of this machine and CI's, for `--workers` when REDIS_URL is not set. */
const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
/** A worker's log lines when a class moves to or from it (server/realtime/attach-realtime.ts, server/cluster). */
const LEASE_LOST = /lost the lease of class/g;
const TAKEN_OVER = /: taken over from /g;
/** start:cluster logs a worker's death on a line like this (server/cluster/start-cluster.ts). */
const WORKER_DIED = /worker \d+ \(pid \d+\) died[^\n]*/;

const log = (message: string) => console.log(`[load] ${message}`);

async function main(): Promise<void> {
  const parsed = parseLoadArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(
      `${parsed.message}\nUsage: npm run load -- [--students 300] [--duration 60] [--speed default] [--port 3310] [--probes 5] [--children 2] [--training shared|own] [--heap-mb 384] [--workers 0] [--cpu-prof] [--build]`,
    );
    process.exit(2);
  }
  const { args } = parsed;
  const isCluster = args.workers > 0;
  if (isCluster && (args["heap-mb"] !== START_HEAP_MB || args["cpu-prof"])) {
    console.error(
      `--workers runs start:cluster as it is: its workers' heap is npm start's ${START_HEAP_MB} MB, and --cpu-prof profiles one process`,
    );
    process.exit(2);
  }
  const command = `npm run load -- ${process.argv.slice(2).join(" ")}`.trim();
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const database = await postgresProvisioner(adminUrl).create("load");
  const databaseName = new URL(database.url).pathname.slice(1);
  const cleanups: (() => Promise<void>)[] = [() => database.drop()];
  try {
    log(`fresh database ${databaseName}; migrating`);
    await applyMigrations(database.url);
    const db = createPrismaClient(database.url);
    const loadClass = await createLoadClass(db, "Load test");
    await db.$disconnect();

    if (args.build) {
      log("building the pages (next build)");
      await buildPages();
    }
    const redisUrl = isCluster ? process.env.REDIS_URL || DEFAULT_REDIS_URL : null;
    log(
      `starting ${isCluster ? `start:cluster with ${args.workers} workers and Redis ${new URL(redisUrl ?? "").host}` : "the server"} on port ${args.port} with a ${args["heap-mb"]} MB heap (builds the pages first if needed)`,
    );
    const cpuProfileDir = args["cpu-prof"] ? await mkdtemp(path.join(tmpdir(), "mlp-load-prof-")) : undefined;
    const server = await startServerProcess({
      port: args.port,
      databaseUrl: database.url,
      heapMb: args["heap-mb"],
      cpuProfileDir,
      clusterWorkers: isCluster ? args.workers : undefined,
      // A key prefix of this run's own, so a run never meets another's (or a developer's) class state.
      env: redisUrl
        ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX || "load:"}${databaseName}:` }
        : {},
    });
    /** The server's whole output (LOOP lines included) in a file, also when the run failed. */
    const saveServerLog = async () => {
      const file = path.join(tmpdir(), `mlp-load-server-${server.pid}.log`);
      await writeFile(file, server.output());
      log(`server output in ${file}`);
    };
    cleanups.unshift(async () => {
      await server.stop();
      await saveServerLog();
    });
    /** The server's output without the loop monitor's lines, for error messages. */
    const serverWords = () =>
      server
        .output()
        .replace(/^LOOP .*\n/gm, "")
        .slice(-4000);
    /** Throws with the server's last words if it died: no figures from a dead server. */
    const assertServerAlive = (when: string) => {
      const death = server.death() ?? (isCluster ? WORKER_DIED.exec(server.output())?.[0] : null);
      if (death) throw new Error(`The server died ${when} (${death}). Its last output:\n${serverWords()}`);
    };
    const readyPids = await serverPids(server.pid, isCluster);
    const rssReady: number[] = [];
    for (const pid of readyPids) rssReady.push((await memoryBytes(pid))?.rss ?? Number.NaN);

    const { dashboard, note: dashboardNote } = await openDashboardOrNote(
      server.url,
      loadClass.classId,
      loadClass.cookieToken,
    );
    if (dashboard) cleanups.unshift(() => dashboard.close());

    const probe = await openLatencyProbe(server.url, loadClass.classId, `mlp_teacher=${loadClass.cookieToken}`);
    cleanups.unshift(async () => probe.close());
    const probeCount = Math.min(args.probes, args.students);
    const probes = startProbeBots(probe, {
      url: server.url,
      code: loadClass.joinCode,
      students: probeCount,
      speed: args.speed,
      sharedTraining: args.training === "shared",
      log,
    });
    cleanups.unshift(async () => probes.stop());
    const others = args.students - probeCount;
    // The simulator runs at most MAX_BOTS bots a process.
    const children = Math.max(args.children, Math.ceil(others / MAX_BOTS));
    const bots =
      others > 0
        ? startBotProcesses({
            url: server.url,
            code: loadClass.joinCode,
            students: others,
            children,
            speed: args.speed,
            isSharedTraining: args.training === "shared",
          })
        : null;
    if (bots) cleanups.unshift(async () => void (await bots.stop()));

    log(
      `${args.students} students joining (${probeCount} latency probes here, ${others} in ${children} child processes)`,
    );
    const rampStart = Date.now();
    let lastStatus = rampStart;
    while (probe.total < args.students) {
      assertServerAlive("while the students joined");
      if (Date.now() - rampStart > Math.max(JOIN_RAMP_TIMEOUT_MS, args.students * JOIN_RAMP_MS_PER_STUDENT)) {
        throw new Error(`Only ${probe.total} of ${args.students} joined in time. Server output:\n${serverWords()}`);
      }
      if (Date.now() - lastStatus > STATUS_EVERY_MS) {
        lastStatus = Date.now();
        const probeState = `probe frames ${probe.frames}${probe.lastDisconnect ? `, disconnected: ${probe.lastDisconnect}` : ""}`;
        log(`joined ${probe.total}/${args.students} (${probeState}); bots: ${bots?.lastLines().join(" | ") ?? "-"}`);
      }
      await sleep(250);
    }
    log(
      `all ${args.students} joined in ${((Date.now() - rampStart) / 1000).toFixed(1)} s; measuring for ${args.duration} s`,
    );

    await dashboard?.reset();
    probe.latencies.length = 0;
    const botPids = bots?.pids ?? [];
    const loadAverage = loadavg();
    const startedAt = new Date().toISOString();
    const progressSent = () => (bots?.progressSent() ?? 0) + probes.stats().progressSent;
    const progressStart = progressSent();
    const sample = await startServerSample(server.pid, isCluster, parseLoopSamples(server.output()).length);
    const botCpuStart = await sumCpu(botPids);
    const ownTreeCpuStart = await treeCpuSeconds(process.pid);
    const ownCpuStart = process.cpuUsage();
    const dbStart = await readDbCounters(adminUrl, databaseName);
    const windowStart = Date.now();
    while (Date.now() - windowStart < args.duration * 1000) {
      await sleep(Math.min(STATUS_EVERY_MS, args.duration * 1000 - (Date.now() - windowStart)));
      assertServerAlive("during the measurement");
      const gone = await sample.missing();
      if (gone.length > 0) throw new Error(`Server processes ${gone.join(", ")} are gone. Output:\n${serverWords()}`);
      log(
        `${((Date.now() - windowStart) / 1000).toFixed(0)} s: ${probe.latencies.length} latency samples; bots: ${bots?.lastLines().join(" | ") ?? "-"}`,
      );
    }
    const windowSeconds = (Date.now() - windowStart) / 1000;
    assertServerAlive("at the end of the measurement");
    const serverFigures = await sample.finish(server.output(), windowSeconds);
    const serverCpu = serverFigures.totalCpuCores * windowSeconds;
    const botCpu = (await sumCpu(botPids)) - botCpuStart;
    // The load process's tree holds the server, the bot processes and Chromium: split them.
    const ownTreeCpu = (await treeCpuSeconds(process.pid)) - ownTreeCpuStart;
    const ownUsage = process.cpuUsage(ownCpuStart);
    const loadProcessCpu = (ownUsage.user + ownUsage.system) / 1e6;
    const chromiumCpu = Math.max(0, ownTreeCpu - loadProcessCpu - serverCpu - botCpu);
    const loadAverageEnd = loadavg();
    const writer = await readWriter(server.url);
    assertServerAlive("at the end of the measurement");
    const longTasks = dashboard && dashboardNote === "" ? await dashboard.read() : null;
    const latencies = [...probe.latencies];
    const progressEnd = progressSent();

    log("stopping bots, dashboard and server");
    probes.stop();
    const childTotals = (await bots?.stop()) ?? [];
    await dashboard?.close();
    probe.close();
    await server.stop();
    const profileTop = cpuProfileDir ? await readProfileTop(cpuProfileDir) : null;
    await saveServerLog();
    const dbSeconds = (Date.now() - windowStart) / 1000;
    const dbEnd = await readDbCounters(adminUrl, databaseName);
    const rows = await countClassRows(database.url);

    const refused: Record<string, number> = {};
    for (const stats of [...childTotals, probes.stats()]) {
      // An older simulator's summary has no refusedByEvent: its codes alone.
      for (const [key, count] of Object.entries(stats.refusedByEvent ?? stats.refused))
        refused[key] = (refused[key] ?? 0) + count;
    }
    console.log(
      `\n${formatReport({
        command,
        startedAt,
        students: args.students,
        durationSeconds: windowSeconds,
        latencyP50Ms: percentile(latencies, 50),
        latencyP99Ms: percentile(latencies, 99),
        latencySamples: latencies.length,
        workers: args.workers,
        redis: redisUrl ? new URL(redisUrl).host : null,
        server: serverFigures,
        serverRssReadyBytes: rssReady,
        dbCommitsPerSecond: (dbEnd.commits - dbStart.commits) / dbSeconds,
        dbRowsWrittenPerSecond: (dbEnd.rowsWritten - dbStart.rowsWritten) / dbSeconds,
        dashboardLongestTaskMs: longTasks?.longestMs ?? null,
        dashboardNote:
          dashboardNote ||
          (longTasks ? `${longTasks.count} long tasks (> 50 ms), ${longTasks.over100Ms} over 100 ms` : ""),
        progressPerSecond: (progressEnd - progressStart) / windowSeconds,
        botCpuCores: botCpu / windowSeconds,
        loadProcessCpuCores: loadProcessCpu / windowSeconds,
        chromiumCpuCores: chromiumCpu / windowSeconds,
        heapMb: args["heap-mb"],
        writer,
        profileTop,
        refused,
        classMoves: isCluster
          ? {
              lost: server.output().match(LEASE_LOST)?.length ?? 0,
              takenOver: server.output().match(TAKEN_OVER)?.length ?? 0,
            }
          : null,
        botReconnects: [...childTotals, probes.stats()].reduce((sum, stats) => sum + stats.reconnects, 0),
        rows,
        loadAverage,
        loadAverageEnd,
        cpuCount: availableParallelism(),
      })}`,
    );
    // Everything is stopped; only the database is left to drop (it was queued first, so it is last).
    cleanups.splice(0, cleanups.length - 1);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("[load] failed:", error);
    process.exit(1);
  },
);
