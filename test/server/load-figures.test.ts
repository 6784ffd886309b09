/**
 * The load tool's own arithmetic: the event-loop lines the preloaded monitor prints, and the CPU
 * profile's top functions by self time (idle left out), on hand-made inputs with known answers.
 */
import { describe, expect, it } from "vitest";
import { parseLoopSamples, summarizeLoop, summarizeLoopOf } from "../load/loop-stats";
import { summarizeProfile } from "../load/profile-summary";

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
