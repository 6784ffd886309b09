import { describe, expect, it } from "vitest";
import { createClassTally, formatStats } from "@/server/simulator/class-stats";

describe("class tally", () => {
  it("counts joins, runs in progress, progress, maps and refusals", () => {
    const tally = createClassTally();
    tally.record({ type: "joined", participantId: "p1", nickname: "Bot 1" });
    tally.record({ type: "connected" });
    tally.record({ type: "runStarted", runId: "r1", steps: 2000 });
    tally.record({ type: "runStarted", runId: "r2", steps: 2000 });
    tally.record({ type: "progressSent", runId: "r1", step: 10, hasMap: true, sentAt: 0 });
    tally.record({ type: "progressSent", runId: "r1", step: 20, hasMap: false, sentAt: 0 });
    tally.record({ type: "runFinished", runId: "r1", outcome: "completed", step: 2000 });
    tally.record({ type: "refused", event: "progress:update", code: "RATE_LIMITED", message: "" });
    const stats = tally.snapshot();
    expect(stats).toMatchObject({
      joined: 1,
      connected: 1,
      training: 1,
      runsStarted: 2,
      runsFinished: 1,
      progressSent: 2,
      mapsSent: 1,
    });
    expect(stats.refused).toEqual({ RATE_LIMITED: 1 });
    expect(stats.refusedByEvent).toEqual({ "progress:update RATE_LIMITED": 1 });
    expect(formatStats(stats)).toContain("runs finished 1/2");
    expect(formatStats(stats)).toContain("RATE_LIMITED 1");
  });

  it("counts only connected bots as online when they stop", () => {
    const tally = createClassTally();
    tally.record({ type: "connected" });
    tally.record({ type: "stopped", reason: "NOT_FOUND", wasConnected: false });
    expect(tally.snapshot().online).toBe(1);
    tally.record({ type: "stopped", reason: "ended", wasConnected: true });
    expect(tally.snapshot().online).toBe(0);
  });

  it("forgets runs in progress on a reset", () => {
    const tally = createClassTally();
    tally.record({ type: "runStarted", runId: "r1", steps: 2000 });
    tally.record({ type: "control", control: "reset" });
    expect(tally.snapshot().training).toBe(0);
  });

  it("hands out copies, not its live counters", () => {
    const tally = createClassTally();
    const before = tally.snapshot();
    tally.record({ type: "refused", event: "run:start", code: "CLASS_PAUSED", message: "" });
    expect(before.refused).toEqual({});
    expect(before.refusedByEvent).toEqual({});
  });
});
