/**
 * A paced loop over a replay driver (shared-trajectory.ts): lib/training's pacer, slice interval
 * and reporter, so the messages and their timing match createTrainingLoop's. It exists only
 * because createTrainingLoop builds its own driver; with a driver option there it can go.
 */
import { PROGRESS_MIN_INTERVAL_MS, type ProgressUpdate, type RunFinish } from "../../lib/protocol";
import {
  createPacer,
  createProgressReporter,
  type RunDriver,
  SLICE_INTERVAL_MS,
  type Schedule,
  type Speed,
  type TrainingLoop,
} from "../../lib/training";

/** What a bot needs of a training loop; createTrainingLoop's result has it too. */
export type BotLoop = Pick<TrainingLoop, "runId" | "isRunning" | "isFinished" | "start" | "pause" | "driver">;

/** Options of {@link createReplayLoop}. */
export type ReplayLoopOptions = {
  driver: RunDriver;
  runId: string;
  speed: Speed;
  now: () => number;
  schedule: Schedule;
  onProgress: (update: ProgressUpdate) => void;
  onFinish: (finish: RunFinish) => void;
};

/** @example const loop = createReplayLoop({ driver: createReplayDriver(cache.get(config)), runId, … }); loop.start(); */
export function createReplayLoop(options: ReplayLoopOptions): BotLoop {
  const { driver, runId, now, schedule, onProgress, onFinish } = options;
  const reporter = createProgressReporter(driver, runId);
  const pacer = createPacer(options.speed, now());
  let isRunning = false;
  let isFinished = false;
  let cancelTick: (() => void) | null = null;
  let cancelFlush: (() => void) | null = null;

  const emitProgress = () => {
    const update = reporter.poll(now());
    if (update) onProgress(update);
    else if (!isFinished && cancelFlush === null) {
      // Throttled with points still unsent: send them once allowed, as the browser's loop does.
      cancelFlush = schedule(() => {
        cancelFlush = null;
        if (!isFinished) emitProgress();
      }, PROGRESS_MIN_INTERVAL_MS);
    }
  };

  const tick = () => {
    cancelTick = null;
    if (!isRunning) return;
    const isMax = pacer.speed === "max";
    pacer.ran(driver.advance({ maxSteps: isMax ? undefined : pacer.due(now()) }));
    if (driver.status !== "running") {
      isRunning = false;
      isFinished = true;
      cancelFlush?.();
      onFinish(reporter.finish());
      return;
    }
    emitProgress();
    cancelTick = schedule(tick, isMax ? 0 : SLICE_INTERVAL_MS);
  };

  return {
    driver,
    runId,
    get isRunning() {
      return isRunning;
    },
    get isFinished() {
      return isFinished;
    },
    start() {
      if (isRunning || isFinished) return;
      isRunning = true;
      pacer.restart(now(), pacer.speed);
      cancelTick = schedule(tick, 0);
    },
    pause() {
      if (!isRunning) return;
      isRunning = false;
      cancelTick?.();
      cancelTick = null;
      emitProgress();
    },
  };
}
