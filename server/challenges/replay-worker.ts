/**
 * The replay worker thread: trains a run again with lib/ml/nn (lib/classroom replayRun) off the
 * main thread, so a 20,000-step replay (seconds of CPU) never blocks the event loop. One message
 * in, one out: `{ id, request }` → `{ id, ok, result, ms }` or `{ id, ok: false, message }`; first
 * `{ ready: true }` once loaded.
 */
import { parentPort } from "node:worker_threads";
import { type ReplayRequest, replayRun } from "../../lib/classroom/challenge-replay";

// Loaded: the queue sends replays from now on (its time limit counts replay time, not start-up).
parentPort?.postMessage({ ready: true });
parentPort?.on("message", (message: { id: number; request: ReplayRequest }) => {
  const start = performance.now();
  try {
    const result = replayRun(message.request);
    parentPort?.postMessage({ id: message.id, ok: true, result, ms: performance.now() - start });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, ok: false, message: error instanceof Error ? error.message : "failed" });
  }
});
