import { describe, expect, it } from "vitest";
import { RUN_OUTCOME } from "../../../lib/classroom/status";
import { type LossPoint, PROGRESS_MIN_INTERVAL_MS, type ProgressUpdate, type RunFinish } from "../../../lib/protocol";
import {
  createPacer,
  createTrainingLoop,
  MAX_CATCH_UP_SECONDS,
  type Speed,
  STEPS_PER_SECOND,
} from "../../../lib/training";
import { createFakeTime, xorConfig } from "./helpers";

function setup(speed: Speed, steps = 2000) {
  const time = createFakeTime();
  const updates: { at: number; update: ProgressUpdate }[] = [];
  const finishes: RunFinish[] = [];
  const loop = createTrainingLoop({
    config: xorConfig({ steps }),
    runId: "run_1",
    speed,
    now: time.now,
    schedule: time.schedule,
    onProgress: (update) => updates.push({ at: time.now(), update }),
    onFinish: (finish) => finishes.push(finish),
  });
  return { time, loop, updates, finishes };
}

describe("createTrainingLoop", () => {
  it("at the default speed, a 2,000-step XOR run takes several seconds", () => {
    const { time, loop, finishes } = setup("default");
    loop.start();
    time.advance(3000);
    expect(loop.isRunning).toBe(true);
    expect(finishes).toEqual([]);
    time.runUntilIdle(60_000);
    expect(finishes.length).toBe(1);
    expect(finishes[0]?.outcome).toBe(RUN_OUTCOME.completed);
    const seconds = time.now() / 1000;
    expect(seconds).toBeGreaterThan(4);
    expect(seconds).toBeLessThan(2000 / STEPS_PER_SECOND.default + 1);
  });

  it("spaces progress updates by PROGRESS_MIN_INTERVAL_MS; together they carry every step's run without repeats", () => {
    const { time, loop, updates } = setup("default");
    loop.start();
    time.runUntilIdle(60_000);
    for (let i = 1; i < updates.length; i++) {
      expect((updates[i]?.at ?? 0) - (updates[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(PROGRESS_MIN_INTERVAL_MS);
    }
    const steps = updates.flatMap(({ update }) => update.points.map(([step]: LossPoint) => step));
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1] ?? -1);
  });

  it("at max speed, finishes in slices and never waits between them", () => {
    const { time, loop, finishes } = setup("max", 20_000);
    loop.start();
    time.runUntilIdle(1);
    expect(finishes[0]?.outcome).toBe(RUN_OUTCOME.completed);
    expect(finishes[0]?.step).toBe(20_000);
  });

  it("pause stops training; stepOnce moves one step; stop finishes as stopped, once", () => {
    const { time, loop, finishes, updates } = setup("default");
    loop.start();
    time.advance(1000);
    loop.pause();
    const step = loop.driver.step;
    time.advance(5000);
    expect(loop.driver.step).toBe(step);
    // The points run just before the pause still reach the server.
    expect(updates.at(-1)?.update.step).toBe(step);
    loop.stepOnce();
    expect(loop.driver.step).toBe(step + 1);
    loop.stop();
    loop.stop();
    expect(finishes.map((finish) => finish.outcome)).toEqual([RUN_OUTCOME.stopped]);
    loop.start();
    time.advance(5000);
    expect(loop.driver.step).toBe(step + 1);
  });

  it("a diverging run finishes as diverged", () => {
    const time = createFakeTime();
    const finishes: RunFinish[] = [];
    const loop = createTrainingLoop({
      config: xorConfig({ lr: 10 }),
      runId: "run_1",
      speed: "fast",
      now: time.now,
      schedule: time.schedule,
      onFinish: (finish) => finishes.push(finish),
    });
    loop.start();
    time.runUntilIdle(10_000);
    expect(finishes.map((finish) => finish.outcome)).toEqual([RUN_OUTCOME.diverged]);
  });
});

describe("createPacer", () => {
  it("owes steps at the speed's rate and forgives a stall beyond the catch-up window", () => {
    const pacer = createPacer("default", 0);
    expect(pacer.due(200)).toBe(0.2 * STEPS_PER_SECOND.default);
    pacer.ran(0.2 * STEPS_PER_SECOND.default);
    expect(pacer.due(200)).toBe(0);
    expect(pacer.due(60_000)).toBe(Math.ceil(STEPS_PER_SECOND.default * MAX_CATCH_UP_SECONDS));
    pacer.restart(0, "max");
    expect(pacer.due(0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("createTrainingLoop.discard", () => {
  it("drops the run: no finish, no more progress, no more steps", () => {
    const { time, loop, finishes, updates } = setup("default");
    loop.start();
    time.advance(600);
    loop.discard();
    const sent = updates.length;
    const step = loop.driver.step;
    time.advance(5000);
    expect(finishes).toEqual([]);
    expect(updates.length).toBe(sent);
    expect(loop.driver.step).toBe(step);
  });
});

describe("createTrainingLoop.resumeAtStep", () => {
  it("rebuilds the same run up to the step and goes on: its curve equals an uninterrupted run's", () => {
    const whole = setup("max");
    whole.loop.start();
    whole.time.runUntilIdle(1);
    const time = createFakeTime();
    const finishes: RunFinish[] = [];
    const resumed = createTrainingLoop({
      config: xorConfig(),
      runId: "run_1",
      speed: "max",
      now: time.now,
      schedule: time.schedule,
      onFinish: (finish) => finishes.push(finish),
      resumeAtStep: 700,
    });
    expect(resumed.driver.step).toBe(700);
    resumed.start();
    time.runUntilIdle(1);
    expect(finishes.length).toBe(1);
    expect(finishes[0]?.curve).toEqual(whole.finishes[0]?.curve);
    expect(finishes[0]?.weights).toEqual(whole.finishes[0]?.weights);
  });

  it("a replay that reaches the end reports the finish once, after the loop is returned", () => {
    const time = createFakeTime();
    const finishes: RunFinish[] = [];
    const loop = createTrainingLoop({
      config: xorConfig({ steps: 300 }),
      runId: "run_1",
      speed: "default",
      now: time.now,
      schedule: time.schedule,
      onFinish: (finish) => finishes.push(finish),
      resumeAtStep: 300,
    });
    expect(finishes).toEqual([]);
    time.advance(1);
    loop.start();
    time.advance(1000);
    expect(finishes.map((finish) => finish.outcome)).toEqual([RUN_OUTCOME.completed]);
  });
});
