/**
 * The replay queue on its real worker thread: a long replay leaves the event loop free, the queue
 * refuses what does not fit, and a replay past its time limit is abandoned without stopping the next.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { replayRun } from "@/lib/classroom/challenge-replay";
import { defaultSessionSettings, resolveRunConfig } from "@/lib/classroom/settings";
import { createReplayQueue, type ReplayQueue } from "@/server/challenges/replay-queue";

const settings = defaultSessionSettings();
const queues: ReplayQueue[] = [];
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.close();
});

function queue(options?: Parameters<typeof createReplayQueue>[0]): ReplayQueue {
  const created = createReplayQueue(options);
  queues.push(created);
  return created;
}

describe("createReplayQueue", () => {
  it("replays on a worker thread: the weights the main thread would get, the event loop never blocked for long", async () => {
    const replays = queue();
    const config = resolveRunConfig(settings, { hidden: 32, steps: 10_000, lr: 0.1 });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const outcome = await replays.replay({ config, steps: 10_000 });
    delay.disable();
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;
    expect(outcome.result).toEqual(replayRun({ config, steps: 10_000 }));
    // The replay took hundreds of ms to seconds; the loop never waited anywhere near that.
    const worstLagMs = delay.max / 1e6;
    expect(outcome.ms).toBeGreaterThan(200);
    expect(worstLagMs).toBeLessThan(Math.max(150, outcome.ms / 4));
  }, 120_000);

  it("refuses a replay beyond its capacity at once, and runs the rest in order", async () => {
    const replays = queue({ capacity: 2 });
    const config = resolveRunConfig(settings, { hidden: 4, steps: 300 });
    const outcomes = await Promise.all([
      replays.replay({ config, steps: 300 }),
      replays.replay({ config, steps: 200 }),
      replays.replay({ config, steps: 100 }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["done", "done", "busy"]);
    expect(replays.size).toBe(0);
  });

  it("abandons a replay past its time limit and goes on with the next on a fresh worker", async () => {
    const replays = queue({ timeoutMs: 150 });
    const slow = resolveRunConfig(settings, { hidden: 32, steps: 20_000, activation: "tanh" });
    const quick = resolveRunConfig(settings, { hidden: 2, steps: 50 });
    const [late, next] = await Promise.all([
      replays.replay({ config: slow, steps: 20_000 }),
      replays.replay({ config: quick, steps: 50 }),
    ]);
    expect(late).toMatchObject({ status: "failed" });
    expect(next.status).toBe("done");
  }, 60_000);
});
