/**
 * The load tool's own arithmetic: the event-loop lines the preloaded monitor prints, and the CPU
 * profile's top functions by self time (idle left out), on hand-made inputs with known answers.
 */
import { describe, expect, it } from "vitest";
import { parseLoopSamples, summarizeLoop, summarizeLoopOf } from "../load/loop-stats";
import { summarizeProfile } from "../load/profile-summary";
import { formatReport, type LoadFigures } from "../load/report";

describe("event-loop figures", () => {
  it("parses LOOP lines among server output and summarises the window", () => {
    const output = [
      "[mlp-classroom] Ready in production mode.",
      'LOOP {"pid":7,"elu":0.2,"lagP50Ms":1,"lagP99Ms":12,"lagMaxMs":30,"heapMb":120,"externalMb":9}',
      "[mlp-classroom] realtime: something",
      'LOOP {"pid":7,"elu":0.6,"lagP50Ms":2,"lagP99Ms":40,"lagMaxMs":55,"heapMb":150,"externalMb":8}',
      'LOOP {"pid":8,"elu":0.9,"lagP50Ms":2,"lagP99Ms":90,"lagMaxMs":95,"heapMb":300,"externalMb":20}',
      'LOOP {"elu":0.4,"lagP5', // cut by a crash
    ].join("\n");
    const samples = parseLoopSamples(output);
    expect(samples).toHaveLength(3);
    expect(summarizeLoopOf(samples, 7)).toEqual({
      samples: 2,
      eluMean: 0.4,
      eluMax: 0.6,
      lagP99Ms: 40,
      lagMaxMs: 55,
      heapMaxMb: 150,
      externalMaxMb: 9,
    });
    expect(summarizeLoopOf(samples, 8)).toMatchObject({ samples: 1, eluMean: 0.9, heapMaxMb: 300 });
    expect(summarizeLoop([]).samples).toBe(0);
  });

  it("reads an older monitor's lines, without pid or memory, as not measured", () => {
    const summary = summarizeLoop(parseLoopSamples('LOOP {"elu":0.5,"lagP50Ms":1,"lagP99Ms":2,"lagMaxMs":3}'));
    expect(summary.eluMean).toBe(0.5);
    expect(summary.heapMaxMb).toBeNaN();
  });
});

describe("profile top functions", () => {
  it("ranks by self samples, adds up one function's nodes and leaves idle out", () => {
    const frame = (functionName: string, url = "", lineNumber = 0) => ({ functionName, url, lineNumber });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)") },
        { id: 2, callFrame: frame("(idle)") },
        { id: 3, callFrame: frame("nestArgument", "file:///app/node_modules/@prisma/client/runtime.js", 9) },
        { id: 4, callFrame: frame("(garbage collector)") },
        { id: 5, callFrame: frame("nestArgument", "file:///app/node_modules/@prisma/client/runtime.js", 9) },
        { id: 6, callFrame: frame("tick", "file:///app/server/realtime/room-tick.ts", 4) },
      ],
      samples: [2, 2, 2, 2, 3, 3, 5, 4, 6, 3],
    };
    expect(summarizeProfile(profile, 2)).toEqual([
      { name: "nestArgument", where: "@prisma/client/runtime.js:10", share: 4 / 6 },
      { name: "(garbage collector)", where: "", share: 1 / 6 },
    ]);
  });
});

describe("the load report", () => {
  const loop = {
    samples: 60,
    eluMean: 0.5,
    eluMax: 0.9,
    lagP99Ms: 40,
    lagMaxMs: 80,
    heapMaxMb: 200,
    externalMaxMb: 20,
  };
  const process = (pid: number, role: "server" | "primary" | "worker", cpuCores: number, peakMb: number) => ({
    pid,
    role,
    cpuCores,
    peakRssBytes: peakMb * 1024 * 1024,
    rssStartBytes: 100 * 1024 * 1024,
    rssEndBytes: 120 * 1024 * 1024,
    loop,
  });
  const figures = (overrides: Partial<LoadFigures>): LoadFigures => ({
    command: "npm run load -- --students 2000 --workers 2",
    startedAt: "2026-12-03T12:00:00.000Z",
    students: 2000,
    durationSeconds: 60,
    latencyP50Ms: 90,
    latencyP99Ms: 200,
    latencySamples: 900,
    workers: 2,
    redis: "127.0.0.1:6379",
    server: {
      totalCpuCores: 1.6,
      processes: [process(10, "primary", 0.1, 110), process(11, "worker", 0.8, 420), process(12, "worker", 1.2, 520)],
    },
    serverRssReadyBytes: [110 * 1024 * 1024, 220 * 1024 * 1024, 220 * 1024 * 1024],
    dbCommitsPerSecond: 3,
    dbRowsWrittenPerSecond: 900,
    dashboardLongestTaskMs: 80,
    dashboardNote: "",
    progressPerSecond: 4000,
    botCpuCores: 0.5,
    loadProcessCpuCores: 0.1,
    chromiumCpuCores: 0.2,
    heapMb: 384,
    writer: "HTTP 200",
    profileTop: null,
    refused: {},
    classMoves: { lost: 0, takenOver: 0 },
    botReconnects: 0,
    rows: { Participant: 2000 },
    loadAverage: [1, 1, 1],
    loadAverageEnd: [1.2, 1, 1],
    cpuCount: 2,
    ...overrides,
  });

  it("judges each worker against the targets (not the primary), and names what failed", () => {
    const report = formatReport(figures({}));
    expect(report.split("\n")[0]).toBe("$ npm run load -- --students 2000 --workers 2");
    expect(report).toMatch(/worker 11 CPU\s+0\.80 cores\s+< 1 core\s+PASS/);
    expect(report).toMatch(/worker 12 CPU\s+1\.20 cores\s+< 1 core\s+FAIL/);
    expect(report).toMatch(/worker 12 peak RSS\s+520 MB\s+< 500 MB\s+FAIL/);
    expect(report).toMatch(/primary 10 CPU\s+0\.10 cores\n/);
    expect(report).toContain("verdict: FAILED worker 12 CPU, worker 12 peak RSS");
  });

  it("fails a cluster run whose class moved between the workers (nothing was killed), and shows the reconnects", () => {
    const steady = formatReport(
      figures({ server: { totalCpuCores: 0.8, processes: [process(11, "worker", 0.8, 420)] } }),
    );
    expect(steady).toMatch(
      /class moved between workers \(whole run\)\s+0 \(leases lost 0, taken over 0\)\s+none\s+PASS/,
    );
    expect(steady).toContain("verdict: every target met");
    const flipped = formatReport(
      figures({
        server: { totalCpuCores: 0.8, processes: [process(11, "worker", 0.8, 420)] },
        classMoves: { lost: 3, takenOver: 4 },
        botReconnects: 1374,
      }),
    );
    expect(flipped).toMatch(
      /class moved between workers \(whole run\)\s+7 \(leases lost 3, taken over 4\)\s+none\s+FAIL/,
    );
    expect(flipped).toMatch(/bot reconnects \(whole run\)\s+1374/);
    expect(flipped).toContain("verdict: FAILED class moved between workers");
  });

  it("counts a refusal of any event as a failure, and passes a clean run", () => {
    const clean = figures({ server: { totalCpuCores: 0.8, processes: [process(11, "server", 0.8, 420)] }, workers: 0 });
    expect(formatReport(clean)).toContain("verdict: every target met");
    expect(formatReport({ ...clean, refused: { "progress:update RATE_LIMITED": 3 } })).toContain(
      "verdict: FAILED refusals",
    );
  });
});
