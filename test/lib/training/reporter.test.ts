import { describe, expect, it } from "vitest";
import { RUN_OUTCOME } from "../../../lib/classroom/status";
import {
  MAP_BYTES,
  MAP_MIN_INTERVAL_MS,
  MAX_CURVE_POINTS,
  MAX_LOSS_POINTS_PER_UPDATE,
  PROGRESS_MIN_INTERVAL_MS,
  progressResumeSchema,
  progressUpdateSchema,
  runFinishSchema,
} from "../../../lib/protocol";
import { createProgressReporter, createRunDriver } from "../../../lib/training";
import { xorConfig } from "./helpers";

const RUN_ID = "run_1";

describe("createProgressReporter.poll", () => {
  it("sends at most every PROGRESS_MIN_INTERVAL_MS, and only points not sent before", () => {
    const driver = createRunDriver(xorConfig());
    const reporter = createProgressReporter(driver, RUN_ID);
    driver.advance({ maxSteps: 10 });
    const first = reporter.poll(0);
    expect(first?.points.map(([step]) => step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    driver.advance({ maxSteps: 10 });
    expect(reporter.poll(PROGRESS_MIN_INTERVAL_MS - 1)).toBeNull();
    const second = reporter.poll(PROGRESS_MIN_INTERVAL_MS);
    expect(second?.points.map(([step]) => step)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(second?.step).toBe(20);
  });

  it("thins a burst of steps to MAX_LOSS_POINTS_PER_UPDATE, ending at the newest point", () => {
    const driver = createRunDriver(xorConfig());
    const reporter = createProgressReporter(driver, RUN_ID);
    driver.advance({ maxSteps: 500 });
    const update = reporter.poll(0);
    expect(update?.points.length).toBe(MAX_LOSS_POINTS_PER_UPDATE);
    expect(update?.points[0]?.[0]).toBe(0);
    expect(update?.points.at(-1)?.[0]).toBe(499);
  });

  it("attaches a 32 × 32 map at most every MAP_MIN_INTERVAL_MS", () => {
    const driver = createRunDriver(xorConfig());
    const reporter = createProgressReporter(driver, RUN_ID);
    const mapTimes: number[] = [];
    for (let t = 0; t <= 2 * MAP_MIN_INTERVAL_MS; t += PROGRESS_MIN_INTERVAL_MS) {
      driver.advance({ maxSteps: 5 });
      const update = reporter.poll(t);
      expect(update).not.toBeNull();
      if (update?.map) {
        expect(update.map.length).toBe(MAP_BYTES);
        mapTimes.push(t);
      }
    }
    expect(mapTimes).toEqual([0, MAP_MIN_INTERVAL_MS, 2 * MAP_MIN_INTERVAL_MS]);
  });

  it("sends nothing when nothing changed", () => {
    const driver = createRunDriver(xorConfig());
    const reporter = createProgressReporter(driver, RUN_ID);
    driver.advance({ maxSteps: 3 });
    expect(reporter.poll(0)).not.toBeNull();
    expect(reporter.poll(10 * PROGRESS_MIN_INTERVAL_MS)).toBeNull();
  });

  it("produces payloads lib/protocol accepts, map included", () => {
    const driver = createRunDriver(xorConfig());
    const reporter = createProgressReporter(driver, RUN_ID);
    for (let t = 0; driver.status === "running"; t += PROGRESS_MIN_INTERVAL_MS) {
      driver.advance({ maxSteps: 97 });
      const update = reporter.poll(t);
      expect(progressUpdateSchema.safeParse(update).success).toBe(true);
    }
  });
});

describe("createProgressReporter.finish", () => {
  it("sends a completed run's whole curve, thinned to ≤ 1,000 points from step 0 to the last", () => {
    const config = xorConfig({ steps: 5000 });
    const driver = createRunDriver(config);
    driver.advance();
    const finish = createProgressReporter(driver, RUN_ID).finish();
    const parsed = runFinishSchema.parse(finish);
    expect(parsed.outcome).toBe(RUN_OUTCOME.completed);
    expect(parsed.curve.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(parsed.curve[0]?.[0]).toBe(0);
    expect(parsed.curve.at(-1)).toEqual([config.steps, driver.loss]);
    expect(parsed.step).toBe(config.steps);
    expect(parsed.weights?.w1.length).toBe(config.hidden);
  });

  it("reports a diverged run as diverged, and lib/protocol accepts it", () => {
    const driver = createRunDriver(xorConfig({ lr: 10 }));
    driver.advance();
    const finish = createProgressReporter(driver, RUN_ID).finish();
    expect(finish.outcome).toBe(RUN_OUTCOME.diverged);
    expect(runFinishSchema.safeParse(finish).success).toBe(true);
  });

  it("reports a run stopped midway, or before its first step, as stopped with measured figures", () => {
    for (const steps of [0, 123]) {
      const driver = createRunDriver(xorConfig());
      driver.advance({ maxSteps: steps });
      const finish = runFinishSchema.parse(createProgressReporter(driver, RUN_ID).finish());
      expect(finish.outcome).toBe(RUN_OUTCOME.stopped);
      expect(finish.step).toBe(steps);
      expect(finish.loss).not.toBeNull();
      expect(finish.accuracy).not.toBeNull();
    }
  });
});

describe("createProgressReporter.resume", () => {
  it("carries the whole curve so far, thinned like run:finish, and the next poll only newer points", () => {
    const driver = createRunDriver(xorConfig());
    const reporter = createProgressReporter(driver, RUN_ID);
    driver.advance({ maxSteps: 20 });
    expect(reporter.poll(0)?.points.length).toBe(20);
    // Offline: these polls' updates are dropped by the client.
    driver.advance({ maxSteps: 980 });
    reporter.poll(PROGRESS_MIN_INTERVAL_MS);
    driver.advance({ maxSteps: 500 });
    const resume = progressResumeSchema.parse(reporter.resume());
    expect(resume.runId).toBe(RUN_ID);
    expect(resume.step).toBe(1500);
    expect(resume.curve.length).toBe(MAX_CURVE_POINTS);
    expect(resume.curve[0]?.[0]).toBe(0);
    expect(resume.curve.at(-1)?.[0]).toBe(1499);
    expect(resume.map?.length).toBe(MAP_BYTES);
    expect(reporter.poll(10 * PROGRESS_MIN_INTERVAL_MS)).toBeNull();
    driver.advance({ maxSteps: 3 });
    expect(reporter.poll(11 * PROGRESS_MIN_INTERVAL_MS)?.points.map(([step]) => step)).toEqual([1500, 1501, 1502]);
  });
});
