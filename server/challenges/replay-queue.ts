/**
 * A bounded queue of challenge replays, run one at a time on a worker thread. A replay at
 * hidden 32 × 20,000 steps costs 2–20 s of CPU (`npm run bench:replay`), far beyond what the
 * socket path may block, so it never runs on the main thread. The queue holds at most `capacity`
 * replays; beyond that a replay is refused at once ("busy": the run shows as unverified rather
 * than the server falling minutes behind). A replay that takes longer than `timeoutMs` is
 * abandoned (the worker is restarted) and answered "failed".
 */
import { Worker } from "node:worker_threads";
import type { ReplayRequest, ReplayResult } from "../../lib/classroom/challenge-replay";

/** Replays waiting or running, at most: a class of 60 finishing at once fits, a flood does not. */
export const REPLAY_QUEUE_CAPACITY = 200;
/** Longest one replay may run: the slowest case measured (tanh, hidden 32, 20,000 steps) took ~19 s under load 16. */
export const REPLAY_TIMEOUT_MS = 60_000;

/** How a replay ended. */
export type ReplayOutcome =
  | { status: "done"; result: ReplayResult; ms: number }
  | { status: "busy" }
  | { status: "failed"; message: string };

/** The queue's API. */
export type ReplayQueue = {
  /** Queues a replay; resolves when it ran (or was refused). Never rejects. */
  replay(request: ReplayRequest): Promise<ReplayOutcome>;
  /** Replays waiting or running. */
  readonly size: number;
  /** Stops the worker; replays still queued resolve "failed". */
  close(): Promise<void>;
};

type Job = { request: ReplayRequest; resolve: (outcome: ReplayOutcome) => void };
type WorkerReply =
  | { id: number; ok: true; result: ReplayResult; ms: number }
  | { id: number; ok: false; message: string };

const WORKER_URL = new URL("./replay-thread.mjs", import.meta.url);

/**
 * Creates the queue; the worker starts on the first replay.
 *
 * @example
 * const queue = createReplayQueue();
 * const outcome = await queue.replay({ config, steps: finish.step });
 */
export function createReplayQueue(options: { capacity?: number; timeoutMs?: number } = {}): ReplayQueue {
  const capacity = options.capacity ?? REPLAY_QUEUE_CAPACITY;
  const timeoutMs = options.timeoutMs ?? REPLAY_TIMEOUT_MS;
  const waiting: Job[] = [];
  let running: { job: Job; id: number; timer: NodeJS.Timeout } | null = null;
  let worker: Worker | null = null;
  let isWorkerReady = false;
  let nextId = 1;
  let isClosed = false;

  function startWorker(): Worker {
    // replay-thread.mjs registers tsx in the thread, then loads replay-worker.ts.
    const started = new Worker(WORKER_URL);
    isWorkerReady = false;
    started.on("message", (reply: WorkerReply) => {
      if ("ready" in reply) {
        if (worker !== started) return;
        isWorkerReady = true;
        return next();
      }
      if (!running || reply.id !== running.id) return;
      finish(
        reply.ok
          ? { status: "done", result: reply.result, ms: reply.ms }
          : { status: "failed", message: reply.message },
      );
    });
    // Only the current worker's end matters: one abandoned after a time limit is already replaced.
    const lost = (message: string) => {
      if (worker !== started) return;
      worker = null;
      if (running) return finish({ status: "failed", message });
      // It never came up: the replays waiting for it fail rather than wait forever.
      for (const job of waiting.splice(0)) job.resolve({ status: "failed", message });
    };
    started.on("error", (error) => lost(error.message));
    started.on("exit", () => lost("the replay worker stopped"));
    started.unref();
    return started;
  }

  function finish(outcome: ReplayOutcome): void {
    if (!running) return;
    clearTimeout(running.timer);
    const { job } = running;
    running = null;
    job.resolve(outcome);
    next();
  }

  function next(): void {
    if (running || isClosed || waiting.length === 0) return;
    worker ??= startWorker();
    // Sent once the thread has loaded (start-up takes a moment under tsx).
    if (!isWorkerReady) return;
    const job = waiting.shift();
    if (!job) return;
    const id = nextId++;
    const timer = setTimeout(() => {
      const stuck = worker;
      worker = null;
      void stuck?.terminate();
      finish({ status: "failed", message: `the replay took longer than ${timeoutMs} ms` });
    }, timeoutMs);
    running = { job, id, timer };
    worker.postMessage({ id, request: job.request });
  }

  return {
    replay(request) {
      if (isClosed) return Promise.resolve({ status: "failed", message: "the server is shutting down" });
      if (waiting.length + (running ? 1 : 0) >= capacity) return Promise.resolve({ status: "busy" });
      return new Promise((resolve) => {
        waiting.push({ request, resolve });
        next();
      });
    },
    get size() {
      return waiting.length + (running ? 1 : 0);
    },
    async close() {
      isClosed = true;
      for (const job of waiting.splice(0)) job.resolve({ status: "failed", message: "the server is shutting down" });
      finish({ status: "failed", message: "the server is shutting down" });
      const stopping = worker;
      worker = null;
      await stopping?.terminate();
    },
  };
}
