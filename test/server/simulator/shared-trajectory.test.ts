import { describe, expect, it } from "vitest";
import { defaultSessionSettings, resolveRunConfig } from "@/lib/classroom/settings";
import { createProgressReporter, createRunDriver } from "@/lib/training";
import { createReplayDriver, createTrajectoryCache } from "@/server/simulator/shared-trajectory";

const config = { ...resolveRunConfig(defaultSessionSettings(), {}), steps: 300 };

describe("shared trajectory", () => {
  it("replays exactly the run a bot would train itself: curve, final loss, accuracy and weights", () => {
    const own = createRunDriver(config);
    while (own.status === "running") own.advance({ maxSteps: 7 });
    const replay = createReplayDriver(createTrajectoryCache().get(config));
    while (replay.status === "running") replay.advance({ maxSteps: 13 });
    expect(replay.status).toBe(own.status);
    expect(replay.step).toBe(own.step);
    expect(replay.points()).toEqual(own.points());
    const ownFinish = createProgressReporter(own, "run").finish();
    const replayFinish = createProgressReporter(replay, "run").finish();
    expect(replayFinish).toEqual(ownFinish);
  });

  it("gives each bot its own step over one shared run", () => {
    const cache = createTrajectoryCache();
    const fast = createReplayDriver(cache.get(config));
    const slow = createReplayDriver(cache.get({ ...config }));
    fast.advance({ maxSteps: 200 });
    slow.advance({ maxSteps: 20 });
    expect([fast.step, slow.step]).toEqual([200, 20]);
    expect(slow.pointCount).toBe(20);
    expect(slow.status).toBe("running");
    // The slow bot sees its own step's figures, not the fast one's.
    const own = createRunDriver(config);
    own.advance({ maxSteps: 20 });
    expect(slow.accuracy).toBe(own.accuracy);
    expect(slow.map(32)).toEqual(own.map(32));
    expect(slow.weights()).toBeNull();
  });

  it("trains a different config separately", () => {
    const cache = createTrajectoryCache();
    expect(cache.get(config)).not.toBe(cache.get({ ...config, initSeed: config.initSeed + 1 }));
    expect(cache.get(config)).toBe(cache.get({ ...config }));
  });
});
