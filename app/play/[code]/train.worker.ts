/**
 * The student's training Worker: runs lib/training's loop off the main thread, posts views for
 * the page to draw and the protocol messages for it to forward to the socket.
 */
import type { LossPoint } from "@/lib/curve";
import {
  createTrainingLoop,
  followCurve,
  netTraits,
  type RunDriver,
  type Schedule,
  type Speed,
  type TrainingLoop,
} from "@/lib/training";
import {
  DISPLAY_CURVE_POINTS,
  DISPLAY_MAP_RESOLUTION,
  type RunPhase,
  type TrainingView,
  VIEW_INTERVAL_MS,
  type WorkerEvent,
  workerRequestSchema,
} from "./worker-protocol";

/** The two members of a dedicated worker's global scope this file uses (no webworker lib needed). */
type WorkerScope = { postMessage(message: unknown): void; onmessage: ((event: MessageEvent<unknown>) => void) | null };
const scope = self as unknown as WorkerScope;
const now = () => performance.now();

/**
 * setTimeout(0) is clamped to 4 ms after a few nested calls; a MessageChannel yields without that
 * clamp, so "max" keeps the core busy between slices while still hearing the page's messages.
 */
const channel = new MessageChannel();
const immediate: Array<() => void> = [];
channel.port1.onmessage = () => immediate.shift()?.();
const schedule: Schedule = (callback, delayMs) => {
  if (delayMs > 0) {
    const timer = setTimeout(callback, delayMs);
    return () => clearTimeout(timer);
  }
  let isCancelled = false;
  immediate.push(() => {
    if (!isCancelled) callback();
  });
  channel.port2.postMessage(null);
  return () => {
    isCancelled = true;
  };
};

let loop: TrainingLoop | null = null;
let speed: Speed = "default";
let lastViewAt = Number.NEGATIVE_INFINITY;
/** Each run's chart curve, kept as it goes (a view then costs only the new steps). */
const curves = new WeakMap<TrainingLoop, () => LossPoint[]>();

function post(event: WorkerEvent): void {
  scope.postMessage(event);
}

function phaseOf(current: TrainingLoop): RunPhase {
  const status = current.driver.status;
  if (status !== "running") return status;
  if (current.isFinished) return "stopped";
  return current.isRunning ? "running" : "paused";
}

function curveOf(current: TrainingLoop): LossPoint[] {
  let follow = curves.get(current);
  if (!follow) {
    follow = followCurve(current.driver, DISPLAY_CURVE_POINTS);
    curves.set(current, follow);
  }
  return follow();
}

function postView(current: TrainingLoop, isForced: boolean): void {
  const at = now();
  if (!isForced && at - lastViewAt < VIEW_INTERVAL_MS) return;
  lastViewAt = at;
  const driver: RunDriver = current.driver;
  const view: TrainingView = {
    runId: current.runId,
    phase: phaseOf(current),
    step: driver.step,
    steps: driver.config.steps,
    loss: driver.loss,
    accuracy: driver.accuracy,
    targetReachedStep: driver.targetReachedStep,
    curve: curveOf(current),
    map: driver.map(DISPLAY_MAP_RESOLUTION),
    traits: netTraits(driver.net, driver.data),
    weights: driver.weights(),
  };
  post({ type: "view", view });
}

scope.onmessage = (message: MessageEvent<unknown>) => {
  const parsed = workerRequestSchema.safeParse(message.data);
  if (!parsed.success) {
    post({ type: "error", message: "The training worker received a malformed message" });
    return;
  }
  const request = parsed.data;
  try {
    switch (request.type) {
      case "start": {
        // The page stops a run it wants finished before starting the next; anything left is dropped.
        loop?.discard();
        speed = request.speed;
        const next = createTrainingLoop({
          config: request.config,
          runId: request.runId,
          speed,
          now,
          schedule,
          onProgress: (update) => post({ type: "progress", update }),
          onFinish: (finish) => {
            post({ type: "finish", finish });
            if (loop === next) postView(next, true);
          },
          onSlice: () => postView(next, false),
          resumeAtStep: request.resumeAtStep,
          resumeEdits: request.edits,
        });
        loop = next;
        if (request.isAutoStart) next.start();
        postView(next, true);
        return;
      }
      case "train":
        loop?.start();
        break;
      case "edit": {
        const edit = loop?.applyEdit(request.edit);
        if (loop && edit) post({ type: "edited", runId: loop.runId, edit });
        break;
      }
      case "pause":
        loop?.pause();
        break;
      case "step":
        loop?.stepOnce();
        break;
      case "speed":
        speed = request.speed;
        loop?.setSpeed(speed);
        break;
      case "stop":
        loop?.stop();
        break;
      case "resume": {
        const resume = loop?.resume();
        if (resume) post({ type: "resume", resume });
        return;
      }
      case "discard":
        // The server already forgot this run: end it without a finish; the page shows the last view.
        loop?.discard();
        loop = null;
        return;
    }
    if (loop) postView(loop, true);
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? error.message : "Training failed" });
  }
};
