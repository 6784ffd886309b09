/**
 * `npm run load`: 300 simulated students against one server process, with the teacher's
 * dashboard open in Chromium. Reports teacher-side latency p50/p99, server CPU and peak RSS, DB
 * writes/s and the dashboard's longest main-thread task, against the issue's targets.
 * A measurement script, not a test: it prints figures and exits 0 unless something broke.
 */

import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { healthSchema } from "../../lib/http/health";
import { createPrismaClient } from "../../server/db/client";
import { applyMigrations } from "../../server/db/migrate";
import { startSimulatedClass } from "../../server/simulator/run-simulated-class";
import { postgresProvisioner } from "../../tools/dev-db/temp-database";
import { startBotProcesses } from "./bot-processes";
import { createLoadClass } from "./create-load-class";
import { type Dashboard, openDashboard } from "./dashboard";
import { countClassRows, readDbCounters } from "./db-stats";
import { openLatencyProbe, percentile } from "./latency-probe";
import { parseLoadArgs } from "./load-args";
import { parseLoopSamples, summarizeLoop } from "./loop-stats";
import { memoryBytes, treeCpuSeconds } from "./proc-stats";
import { topFunctions } from "./profile-summary";
import { formatReport } from "./report";
import { buildPages, startServerProcess } from "./server-process";

/** The local PostgreSQL the brief names; DATABASE_URL overrides (the load DB is created beside it). */
const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
/** 300 joins over HTTP at 8 at a time on 2 cores take well under a minute; 3 means stuck. */
const JOIN_RAMP_TIMEOUT_MS = 180_000;
/** …and a lecture hall takes proportionally longer: 1,000 get 10 minutes on a busy machine. */
const JOIN_RAMP_MS_PER_STUDENT = 600;
/** Progress lines while waiting and measuring. */
const STATUS_EVERY_MS = 10_000;

const log = (message: string) => console.log(`[load] ${message}`);

async function main(): Promise<void> {
  const parsed = parseLoadArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(
      `${parsed.message}\nUsage: npm run load -- [--students 300] [--duration 60] [--speed default] [--port 3310] [--probes 5] [--children 2] [--training shared|own] [--heap-mb 384] [--cpu-prof] [--build]`,
    );
    process.exit(2);
  }
  const { args } = parsed;
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
    log(
      `starting the server on port ${args.port} with a ${args["heap-mb"]} MB heap (builds the pages first if needed)`,
    );
    const cpuProfileDir = args["cpu-prof"] ? await mkdtemp(path.join(tmpdir(), "mlp-load-prof-")) : undefined;
    const server = await startServerProcess({
      port: args.port,
      databaseUrl: database.url,
      heapMb: args["heap-mb"],
      cpuProfileDir,
    });
    cleanups.unshift(() => server.stop());
    /** The server's output without the loop monitor's lines, for error messages. */
    const serverWords = () =>
      server
        .output()
        .replace(/^LOOP .*\n/gm, "")
        .slice(-4000);
    /** Throws with the server's last words if it died: no figures from a dead server. */
    const assertServerAlive = (when: string) => {
      const death = server.death();
      if (death) throw new Error(`The server died ${when} (${death}). Its last output:\n${serverWords()}`);
    };
    const rssReady = (await memoryBytes(server.pid))?.rss ?? Number.NaN;

    let dashboard: Dashboard | null = null;
    let dashboardNote = "";
    try {
      dashboard = await openDashboard(server.url, loadClass.classId, loadClass.cookieToken);
      const opened = dashboard;
      cleanups.unshift(() => opened.close());
      const expectedPath = `/teacher/sessions/${loadClass.classId}`;
      if (dashboard.status !== 200)
        dashboardNote = `the page answered HTTP ${dashboard.status} (a stale build? rerun with --build)`;
      else if (dashboard.path() !== expectedPath)
        dashboardNote = `the page went to ${dashboard.path()}, not the dashboard`;
    } catch (error) {
      dashboardNote = `could not open: ${error instanceof Error ? error.message : String(error)}`;
    }

    const probe = await openLatencyProbe(server.url, loadClass.classId, `mlp_teacher=${loadClass.cookieToken}`);
    cleanups.unshift(async () => probe.close());
    const probeCount = Math.min(args.probes, args.students);
    const probeArgs = {
      url: server.url,
      code: loadClass.joinCode,
      students: probeCount,
      speed: args.speed,
      duration: undefined,
      varySeeds: false,
      sharedTraining: args.training === "shared",
      first: 1,
      name: "Probe",
      statusEvery: 5,
    };
    const probes = startSimulatedClass(probeArgs, {
      log,
      onEvent: (bot, event) => {
        const participantId = bot.participant?.participantId;
        if (!participantId) return;
        if (event.type === "progressSent") probe.sent(participantId, event.step, event.sentAt);
        if (event.type === "refused" && event.event === "progress:update") probe.refused(participantId);
      },
    });
    cleanups.unshift(async () => probes.stop());
    const others = args.students - probeCount;
    const bots =
      others > 0
        ? startBotProcesses({
            url: server.url,
            code: loadClass.joinCode,
            students: others,
            children: args.children,
            speed: args.speed,
            isSharedTraining: args.training === "shared",
          })
        : null;
    if (bots) cleanups.unshift(async () => void (await bots.stop()));

    log(
      `${args.students} students joining (${probeCount} latency probes here, ${others} in ${args.children} child processes)`,
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
    const loadAverage = loadavg()[0] ?? 0;
    const progressSent = () => (bots?.progressSent() ?? 0) + probes.stats().progressSent;
    const progressStart = progressSent();
    const rssStart = (await memoryBytes(server.pid))?.rss ?? Number.NaN;
    const cpuStart = await treeCpuSeconds(server.pid);
    const botCpuStart = await sumCpu(botPids);
    const ownTreeCpuStart = await treeCpuSeconds(process.pid);
    const ownCpuStart = process.cpuUsage();
    const loopStart = parseLoopSamples(server.output()).length;
    const dbStart = await readDbCounters(adminUrl, databaseName);
    const windowStart = Date.now();
    while (Date.now() - windowStart < args.duration * 1000) {
      await sleep(Math.min(STATUS_EVERY_MS, args.duration * 1000 - (Date.now() - windowStart)));
      assertServerAlive("during the measurement");
      log(
        `${((Date.now() - windowStart) / 1000).toFixed(0)} s: ${probe.latencies.length} latency samples; bots: ${bots?.lastLines().join(" | ") ?? "-"}`,
      );
    }
    const windowSeconds = (Date.now() - windowStart) / 1000;
    assertServerAlive("at the end of the measurement");
    const serverCpu = (await treeCpuSeconds(server.pid)) - cpuStart;
    const botCpu = (await sumCpu(botPids)) - botCpuStart;
    // The load process's tree holds the server, the bot processes and Chromium: split them.
    const ownTreeCpu = (await treeCpuSeconds(process.pid)) - ownTreeCpuStart;
    const ownUsage = process.cpuUsage(ownCpuStart);
    const loadProcessCpu = (ownUsage.user + ownUsage.system) / 1e6;
    const chromiumCpu = Math.max(0, ownTreeCpu - loadProcessCpu - serverCpu - botCpu);
    const memory = await memoryBytes(server.pid);
    const loop = summarizeLoop(parseLoopSamples(server.output()).slice(loopStart));
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
    const serverLog = path.join(tmpdir(), `mlp-load-server-${server.pid}.log`);
    await writeFile(serverLog, server.output());
    log(`server output in ${serverLog}`);
    const dbSeconds = (Date.now() - windowStart) / 1000;
    const dbEnd = await readDbCounters(adminUrl, databaseName);
    const rows = await countClassRows(database.url);

    const refused: Record<string, number> = {};
    for (const stats of [...childTotals, probes.stats()]) {
      for (const [code, count] of Object.entries(stats.refused)) refused[code] = (refused[code] ?? 0) + count;
    }
    console.log(
      `\n${formatReport({
        students: args.students,
        durationSeconds: windowSeconds,
        latencyP50Ms: percentile(latencies, 50),
        latencyP99Ms: percentile(latencies, 99),
        latencySamples: latencies.length,
        serverCpuCores: serverCpu / windowSeconds,
        serverPeakRssBytes: memory?.peak ?? Number.NaN,
        serverRssReadyBytes: rssReady,
        serverRssStartBytes: rssStart,
        serverRssEndBytes: memory?.rss ?? Number.NaN,
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
        loop,
        writer,
        profileTop,
        refused,
        rows,
        loadAverage,
        cpuCount: availableParallelism(),
      })}`,
    );
    // Everything is stopped; only the database is left to drop (it was queued first, so it is last).
    cleanups.splice(0, cleanups.length - 1);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  }
}

/** The writer's line of /api/health at the end of the window: its backlog should be ~0. */
async function readWriter(url: string): Promise<string> {
  try {
    const response = await fetch(`${url}/api/health`);
    const body = healthSchema.parse(await response.json());
    return `HTTP ${response.status}, ${JSON.stringify(body.writer)}`;
  } catch (error) {
    return `unreadable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The top five functions of the profile the server wrote when it stopped. */
async function readProfileTop(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((file) => file.endsWith(".cpuprofile"));
  const file = files[0];
  if (!file) return `no profile in ${dir}`;
  const top = await topFunctions(path.join(dir, file), 5);
  const lines = top.map((entry) => `  ${(entry.share * 100).toFixed(1).padStart(5)} %  ${entry.name}  ${entry.where}`);
  return `${path.join(dir, file)} (self time, share of busy samples):\n${lines.join("\n")}`;
}

async function sumCpu(pids: readonly number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) total += await treeCpuSeconds(pid);
  return total;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("[load] failed:", error);
    process.exit(1);
  },
);
