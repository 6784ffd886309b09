/**
 * Turns a run into protocol messages, throttled exactly as lib/protocol's limits say: a
 * progress:update with only the loss points new since the last one (thinned to
 * MAX_LOSS_POINTS_PER_UPDATE) at most every PROGRESS_MIN_INTERVAL_MS, a 32 × 32 map in it at most
 * every MAP_MIN_INTERVAL_MS, one progress:resume after each reconnect and one run:finish, both
 * with the whole curve thinned to MAX_CURVE_POINTS.
 */
import { RUN_OUTCOME, type RunOutcome } from "../classroom/status";
import {
  MAP_MIN_INTERVAL_MS,
  MAP_RESOLUTION,
  MAX_CURVE_POINTS,
  MAX_LOSS_POINTS_PER_UPDATE,
  PROGRESS_MIN_INTERVAL_MS,
  type ProgressResume,
  type ProgressUpdate,
  type RunFinish,
} from "../protocol";
import { evenIndices } from "./downsample";
import type { RunDriver } from "./run-driver";

/** Builds a run's messages; one reporter per run. */
export type ProgressReporter = {
  /**
   * The next progress:update if one is due at `now` and something changed, else null.
   * Points given out here are never given out again.
   */
  poll(now: number): ProgressUpdate | null;
  /**
   * The progress:resume for a reconnect: the whole curve so far, the latest figures and map.
   * Everything in it counts as given out, so the next poll carries only newer points.
   */
  resume(): ProgressResume;
  /** The run:finish message; `outcome` defaults to how the run ended ("stopped" while running). */
  finish(outcome?: RunOutcome): RunFinish;
};

/**
 * Creates a reporter for `driver`'s run `runId`.
 *
 * @example
 * const reporter = createProgressReporter(driver, runId);
 * const update = reporter.poll(now()); if (update) socket.volatile.emit("progress:update", update);
 */
export function createProgressReporter(driver: RunDriver, runId: string): ProgressReporter {
  let sentPoints = 0;
  let sentStep = -1;
  let lastProgressAt = Number.NEGATIVE_INFINITY;
  let lastMapAt = Number.NEGATIVE_INFINITY;
  let lastMapStep = -1;

  return {
    poll(now: number): ProgressUpdate | null {
      if (now - lastProgressAt < PROGRESS_MIN_INTERVAL_MS) return null;
      const hasNewPoints = driver.pointCount > sentPoints;
      if (!hasNewPoints && driver.step === sentStep) return null;
      const points = evenIndices(sentPoints, driver.pointCount, MAX_LOSS_POINTS_PER_UPDATE).map(driver.pointAt);
      const update: ProgressUpdate = { runId, step: driver.step, accuracy: driver.accuracy ?? 0, points };
      const isMapDue = now - lastMapAt >= MAP_MIN_INTERVAL_MS && driver.step !== lastMapStep;
      const map = isMapDue ? driver.map(MAP_RESOLUTION) : null;
      if (map) {
        update.map = map;
        lastMapAt = now;
        lastMapStep = driver.step;
      }
      sentPoints = driver.pointCount;
      sentStep = driver.step;
      lastProgressAt = now;
      return update;
    },
    resume(): ProgressResume {
      const curve = evenIndices(0, driver.pointCount, MAX_CURVE_POINTS).map(driver.pointAt);
      sentPoints = driver.pointCount;
      sentStep = driver.step;
      return { runId, step: driver.step, accuracy: driver.accuracy, curve, map: driver.map(MAP_RESOLUTION) };
    },
    finish(outcome?: RunOutcome): RunFinish {
      const resolved = outcome ?? outcomeOf(driver);
      const curve = evenIndices(0, driver.pointCount, MAX_CURVE_POINTS).map(driver.pointAt);
      const map = driver.map(MAP_RESOLUTION);
      const weights = driver.weights();
      if (map === null || weights === null) {
        // A non-finite net has no map or weights to show: only "diverged" may omit them.
        return {
          runId,
          outcome: RUN_OUTCOME.diverged,
          step: driver.step,
          loss: driver.loss,
          accuracy: driver.accuracy,
          curve,
          map,
          weights,
        };
      }
      // A run stopped before its first step has measured nothing yet: measure the initial net.
      const fresh = driver.loss === null || driver.accuracy === null ? driver.evaluate() : null;
      const loss = driver.loss ?? fresh?.loss ?? null;
      const accuracy = driver.accuracy ?? fresh?.accuracy ?? null;
      return { runId, outcome: resolved, step: driver.step, loss, accuracy, curve, map, weights };
    },
  };
}

/** How the run ended as far as the driver knows: still running means the student stopped it. */
function outcomeOf(driver: RunDriver): RunOutcome {
  if (driver.status === "diverged") return RUN_OUTCOME.diverged;
  if (driver.status === "completed") return RUN_OUTCOME.completed;
  return RUN_OUTCOME.stopped;
}
