import { describe, expect, it } from "vitest";
import {
  isReplayMatch,
  REPLAY_TOLERANCE,
  replayRun,
  weightDifference,
  weightsHidden,
} from "@/lib/classroom/challenge-replay";
import { defaultHyperParams, type RunConfig } from "@/lib/classroom/settings";
import { createRunDriver } from "@/lib/training/run-driver";

function config(overrides: Partial<RunConfig> = {}): RunConfig {
  return { ...defaultHyperParams(), dataset: "xor", noise: 0.3, dataSeed: 42, targetAccuracy: 0.95, ...overrides };
}

/** What a student's Worker sends: the run driver advanced in slices, as lib/training paces it. */
function browserWeights(runConfig: RunConfig, steps = runConfig.steps) {
  const driver = createRunDriver(runConfig, () => 0);
  while (driver.status === "running" && driver.step < steps)
    driver.advance({ maxSteps: Math.min(137, steps - driver.step) });
  return driver.weights();
}

describe("replayRun", () => {
  it("reproduces the run driver's weights bit for bit, per optimizer and activation, also for a stopped run", () => {
    const cases = [
      config({ hidden: 4, steps: 600 }),
      config({ hidden: 3, steps: 400, optimizer: "momentum", lr: 0.05, activation: "tanh" }),
      config({ hidden: 5, steps: 300, optimizer: "adam", lr: 0.02, activation: "sigmoid", initSeed: 7 }),
      config({ hidden: 0, steps: 200, dataset: "circles", noise: 0.1 }),
    ];
    for (const runConfig of cases) {
      const sent = browserWeights(runConfig);
      const replayed = replayRun({ config: runConfig, steps: runConfig.steps }).weights;
      expect(replayed).toEqual(sent);
      expect(sent && weightDifference(sent, replayed!)).toBe(0);
    }
    // Stopped at step 250 of 600: replayed for the steps it took.
    const stopped = browserWeights(config({ hidden: 4, steps: 600 }), 250);
    expect(isReplayMatch(stopped!, replayRun({ config: config({ hidden: 4, steps: 600 }), steps: 250 }).weights)).toBe(
      true,
    );
    expect(isReplayMatch(stopped!, replayRun({ config: config({ hidden: 4, steps: 600 }), steps: 251 }).weights)).toBe(
      false,
    );
  });

  it("tells apart weights nudged by 1e-4, another seed, another learning rate, another shape", () => {
    const runConfig = config({ hidden: 4, steps: 500 });
    const honest = replayRun({ config: runConfig, steps: 500 }).weights!;
    const nudged = { ...honest, b2: [(honest.b2[0] ?? 0) + 1e-4] };
    expect(weightDifference(nudged, honest)).toBeGreaterThan(REPLAY_TOLERANCE * 10);
    expect(isReplayMatch(nudged, honest)).toBe(false);
    const otherSeed = replayRun({ config: { ...runConfig, initSeed: 43 }, steps: 500 }).weights!;
    expect(isReplayMatch(otherSeed, honest)).toBe(false);
    const otherLr = replayRun({ config: { ...runConfig, lr: runConfig.lr * 1.01 }, steps: 500 }).weights!;
    expect(isReplayMatch(otherLr, honest)).toBe(false);
    const bigger = replayRun({ config: { ...runConfig, hidden: 5 }, steps: 500 }).weights!;
    expect(weightDifference(bigger, honest)).toBe(Number.POSITIVE_INFINITY);
    // One ulp on every weight is far inside the tolerance.
    const ulp = { ...honest, b1: honest.b1.map((value) => value * (1 + Number.EPSILON)) };
    expect(isReplayMatch(ulp, honest)).toBe(true);
  });

  it("reads hidden units from the weights' shapes, the single neuron as 0", () => {
    expect(weightsHidden(replayRun({ config: config({ hidden: 6, steps: 1 }), steps: 1 }).weights!)).toBe(6);
    expect(weightsHidden(replayRun({ config: config({ hidden: 0, steps: 1 }), steps: 1 }).weights!)).toBe(0);
    expect(weightsHidden({ w1: [[1, 2]], b1: [0, 1], w2: [[1]], b2: [0], activation: "relu" } as never)).toBeNull();
  });
});
