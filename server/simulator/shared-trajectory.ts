/**
 * Training computed once per config and replayed by every bot that runs the same config. Runs are
 * deterministic (data seed, init seed, full-batch steps), so thirty students who press Train with
 * the class defaults get the same curve; training it once is what lets 300 bots keep a browser's
 * pace on a 2-core machine. The source is lib/training's own run driver; each bot reads it through
 * a {@link RunDriver} view at its own step, so lib/training's reporter builds the same messages.
 */
import type { RunConfig } from "../../lib/classroom/settings";
import { MAP_RESOLUTION } from "../../lib/protocol";
import { ACCURACY_EVERY_STEPS, type AdvanceLimit, createRunDriver, type RunDriver } from "../../lib/training";

/** A map every 20 steps: ≤ 100 KiB per 2,000-step config, and a thumbnail ≤ 20 steps old. */
const MAP_EVERY_STEPS = 20;
/** Configs kept; bots hold their own reference, so an evicted trajectory still finishes. */
const MAX_CACHED_TRAJECTORIES = 256;

/** One config's run, advanced as far as its fastest bot needs. */
export type SharedTrajectory = {
  readonly source: RunDriver;
  /** Trains the source until `step` updates are done, the run ended, or it diverged. */
  advanceTo(step: number): void;
  /** Accuracy measured at the latest multiple of ACCURACY_EVERY_STEPS at or before `step`. */
  accuracyAt(step: number): number | null;
  /** The 32 × 32 map at the latest multiple of MAP_EVERY_STEPS at or before `step`. */
  mapAt(step: number): Uint8Array | null;
};

/** @example const trajectory = createSharedTrajectory(config); trajectory.advanceTo(100); */
export function createSharedTrajectory(config: RunConfig): SharedTrajectory {
  const source = createRunDriver(config);
  const accuracies: (number | null)[] = [source.evaluate().accuracy];
  const maps: (Uint8Array | null)[] = [source.map(MAP_RESOLUTION)];
  return {
    source,
    advanceTo(step) {
      while (source.status === "running" && source.step < step) {
        // Whole accuracy intervals, so every recorded accuracy sits exactly on its step.
        source.advance({ maxSteps: ACCURACY_EVERY_STEPS - (source.step % ACCURACY_EVERY_STEPS) });
        if (source.step % ACCURACY_EVERY_STEPS === 0 || source.status !== "running") {
          accuracies[Math.floor(source.step / ACCURACY_EVERY_STEPS)] = source.accuracy;
        }
        if (source.step % MAP_EVERY_STEPS === 0 || source.status !== "running") {
          maps[Math.floor(source.step / MAP_EVERY_STEPS)] = source.map(MAP_RESOLUTION);
        }
      }
    },
    accuracyAt: (step) => latest(accuracies, Math.floor(step / ACCURACY_EVERY_STEPS)),
    mapAt: (step) => latest(maps, Math.floor(step / MAP_EVERY_STEPS)),
  };
}

function latest<T>(values: (T | null)[], index: number): T | null {
  for (let i = Math.min(index, values.length - 1); i >= 0; i--) {
    const value = values[i];
    if (value !== undefined && value !== null) return value;
  }
  return null;
}

/**
 * A bot's view of a shared trajectory: a {@link RunDriver} whose step is the bot's own, so the
 * pacer and lib/training's reporter work on it unchanged.
 */
export function createReplayDriver(trajectory: SharedTrajectory): RunDriver {
  const { source } = trajectory;
  let step = 0;
  const isAtEnd = () => source.status !== "running" && step >= source.step;
  const pointCount = () => (isAtEnd() ? source.pointCount : Math.min(step, source.pointCount));
  const view: RunDriver = {
    config: source.config,
    data: source.data,
    baseData: source.baseData,
    // Bots never edit points: one trajectory serves every bot with the same config.
    setData() {},
    net: source.net,
    get status() {
      return isAtEnd() ? source.status : "running";
    },
    get step() {
      return step;
    },
    get pointCount() {
      return pointCount();
    },
    get loss() {
      const count = pointCount();
      return count === 0 ? null : (source.pointAt(count - 1)[1] ?? null);
    },
    get accuracy() {
      return trajectory.accuracyAt(step);
    },
    get targetReachedStep() {
      const reached = source.targetReachedStep;
      return reached !== null && reached <= step ? reached : null;
    },
    advance(limit: AdvanceLimit = {}) {
      if (isAtEnd()) return 0;
      const wanted = Math.min(source.config.steps, step + (limit.maxSteps ?? Number.POSITIVE_INFINITY));
      trajectory.advanceTo(wanted);
      const before = step;
      step = Math.min(wanted, source.step);
      return step - before;
    },
    pointAt: (index) => source.pointAt(index),
    points(from = 0, to = pointCount()) {
      return source.points(from, Math.min(to, pointCount()));
    },
    map: () => trajectory.mapAt(step),
    weights: () => (isAtEnd() ? source.weights() : null),
    evaluate: () => ({ loss: source.pointAt(0)[1], accuracy: trajectory.accuracyAt(0) ?? 0 }),
  };
  return view;
}

/** Trajectories by config, shared by the bots of one process. */
export type TrajectoryCache = { get(config: RunConfig): SharedTrajectory };

/** @example const cache = createTrajectoryCache(); cache.get(config) === cache.get({ ...config }) */
export function createTrajectoryCache(): TrajectoryCache {
  const cache = new Map<string, SharedTrajectory>();
  return {
    get(config) {
      const {
        dataset,
        noise,
        dataSeed,
        targetAccuracy,
        hidden,
        lr,
        steps,
        activation,
        optimizer,
        initScale,
        initSeed,
      } = config;
      const key = JSON.stringify([
        dataset,
        noise,
        dataSeed,
        targetAccuracy,
        hidden,
        lr,
        steps,
        activation,
        optimizer,
        initScale,
        initSeed,
      ]);
      const existing = cache.get(key);
      if (existing) return existing;
      const created = createSharedTrajectory(config);
      cache.set(key, created);
      // A Map iterates in insertion order: the first key is the oldest.
      if (cache.size > MAX_CACHED_TRAJECTORIES) cache.delete(cache.keys().next().value as string);
      return created;
    },
  };
}
