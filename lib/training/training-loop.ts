/**
 * A paced training loop: the driver advanced in slices on a scheduler, progress and finish
 * messages emitted through the reporter. The student's Worker and the simulator's bots both run
 * this, with their own clock and scheduler (setTimeout, MessageChannel, or a fake in tests).
 */
import type { RunConfig } from "../classroom/settings";
import { PROGRESS_MIN_INTERVAL_MS, type ProgressResume, type ProgressUpdate, type RunFinish } from "../protocol";
import { applyPointEdit, type PointEdit, type PointEditRequest } from "./point-edits";
import { createProgressReporter } from "./reporter";
import { createRunDriver, type RunDriver } from "./run-driver";
import { createPacer, SLICE_BUDGET_MS, SLICE_INTERVAL_MS, type Speed } from "./speeds";

/** Runs `callback` after `delayMs` (0 = as soon as possible); returns a function that cancels it. */
export type Schedule = (callback: () => void, delayMs: number) => () => void;

/** {@link Schedule} on the platform's timers: the default wherever no test clock is injected. */
export const timerSchedule: Schedule = (callback, delayMs) => {
  const handle = setTimeout(callback, delayMs);
  return () => clearTimeout(handle);
};

/** Options for {@link createTrainingLoop}. */
export type TrainingLoopOptions = {
  config: RunConfig;
  /** The server's id for this run (run:start ack). */
  runId: string;
  speed: Speed;
  /** Milliseconds on a monotonic clock (performance.now in browsers). */
  now: () => number;
  schedule: Schedule;
  /** A progress:update to send (volatile). */
  onProgress?: (update: ProgressUpdate) => void;
  /** The run ended (completed, diverged, or stopped): the run:finish to send reliably. Called once. */
  onFinish?: (finish: RunFinish) => void;
  /** After every slice or single step, e.g. to draw. */
  onSlice?: (driver: RunDriver) => void;
  /**
   * Replays the run up to this step at once, then goes on from there. Full-batch gradient descent
   * from a seeded init is deterministic, so a reloaded page rebuilds exactly the run it had
   * (weights, optimizer state, curve) and continues it under the same run id.
   */
  resumeAtStep?: number;
  /** The run's edit log so far (a reload): each edit is applied again at its step during the replay. */
  resumeEdits?: readonly PointEdit[];
  /**
   * The driver to pace, instead of one training `config` from scratch: the simulator's bots
   * replay one shared run this way (server/simulator/shared-trajectory.ts).
   */
  driver?: RunDriver;
};

/** A run being trained. */
export type TrainingLoop = {
  readonly driver: RunDriver;
  readonly runId: string;
  /** True between start() and pause()/the end of the run. */
  readonly isRunning: boolean;
  /** True once onFinish was called. */
  readonly isFinished: boolean;
  readonly speed: Speed;
  /** Starts or resumes training at the current speed. */
  start(): void;
  pause(): void;
  /** One step while paused (ignored while running). */
  stepOnce(): void;
  setSpeed(speed: Speed): void;
  /** Ends the run now: a running or paused run finishes as "stopped". Idempotent. */
  stop(): void;
  /** The point edits applied so far, each with its step. */
  readonly edits: readonly PointEdit[];
  /**
   * Applies a student's point edit now, before the next step (training goes on); returns it
   * stamped with that step, or null once the run is over.
   */
  applyEdit(edit: PointEditRequest): PointEdit | null;
  /** Drops the run without a finish or further progress (the server already discarded it). */
  discard(): void;
  /**
   * After a reconnect: the progress:resume carrying the whole curve so far (what the server
   * missed while offline, or all of it after a restart), or null once the run finished (its
   * run:finish carries the curve instead).
   */
  resume(): ProgressResume | null;
};

/**
 * Creates a loop, paused. Call `start()` to train.
 *
 * @example
 * const loop = createTrainingLoop({ config, runId, speed: "default", now: () => performance.now(),
 *   schedule: (fn, ms) => { const t = setTimeout(fn, ms); return () => clearTimeout(t); },
 *   onProgress: (u) => socket.volatile.emit("progress:update", u), onFinish: sendFinish });
 * loop.start();
 */
export function createTrainingLoop(options: TrainingLoopOptions): TrainingLoop {
  const { config, runId, now, schedule, onProgress, onFinish, onSlice } = options;
  const driver = options.driver ?? createRunDriver(config, now);
  const reporter = createProgressReporter(driver, runId);
  const pacer = createPacer(options.speed, now());
  let isRunning = false;
  let isFinished = false;
  let cancelTick: (() => void) | null = null;
  let cancelFlush: (() => void) | null = null;

  const emitProgress = () => {
    const update = reporter.poll(now());
    if (update) onProgress?.(update);
    else if (!isFinished && cancelFlush === null) {
      // Throttled with points still unsent (e.g. right after a pause): send them once allowed.
      cancelFlush = schedule(() => {
        cancelFlush = null;
        if (!isFinished) emitProgress();
      }, PROGRESS_MIN_INTERVAL_MS);
    }
  };

  const halt = () => {
    isRunning = false;
    isFinished = true;
    cancelTick?.();
    cancelTick = null;
    cancelFlush?.();
    cancelFlush = null;
  };

  const end = (outcome?: "stopped") => {
    if (isFinished) return;
    halt();
    onFinish?.(reporter.finish(outcome));
  };

  const afterSteps = () => {
    onSlice?.(driver);
    if (driver.status !== "running") return end();
    emitProgress();
  };

  const tick = () => {
    cancelTick = null;
    if (!isRunning) return;
    const isMax = pacer.speed === "max";
    const maxSteps = isMax ? undefined : pacer.due(now());
    pacer.ran(driver.advance({ maxSteps, timeBudgetMs: SLICE_BUDGET_MS }));
    afterSteps();
    if (isRunning) cancelTick = schedule(tick, isMax ? 0 : SLICE_INTERVAL_MS);
  };

  const edits: PointEdit[] = [];
  const applyAt = (edit: PointEdit) => {
    driver.setData(applyPointEdit(driver.baseData, driver.data, edit));
    edits.push(edit);
  };
  // The server's log is the truth: a page that saved an older step still replays every edit.
  for (const edit of options.resumeEdits ?? []) {
    driver.advance({ maxSteps: edit.step - driver.step });
    applyAt(edit);
  }
  const resumeAtStep = options.resumeAtStep ?? 0;
  if (resumeAtStep > driver.step) driver.advance({ maxSteps: resumeAtStep - driver.step });
  // The replay may reach the end (the finish was lost with the page): report it once the caller holds the loop.
  if (driver.step > 0 && driver.status !== "running") cancelTick = schedule(end, 0);

  return {
    driver,
    runId,
    get isRunning() {
      return isRunning;
    },
    get isFinished() {
      return isFinished;
    },
    get speed() {
      return pacer.speed;
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
    stepOnce() {
      if (isRunning || isFinished) return;
      driver.advance({ maxSteps: 1 });
      afterSteps();
    },
    setSpeed(speed: Speed) {
      pacer.restart(now(), speed);
    },
    stop() {
      end("stopped");
    },
    get edits() {
      return edits;
    },
    applyEdit(request: PointEditRequest) {
      if (isFinished || driver.status !== "running") return null;
      const edit = { ...request, step: driver.step } as PointEdit;
      applyAt(edit);
      return edit;
    },
    discard() {
      halt();
    },
    resume() {
      return isFinished ? null : reporter.resume();
    },
  };
}
