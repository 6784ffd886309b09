/**
 * Tells off-screen readers of the class store about their changes slowly and in small slices
 * (plain TS, no React). A tile scrolled away must keep true words (status, figures, badges) for
 * find-in-page and screen readers, but 300 tiles re-rendering on every 100 ms frame cost more
 * main thread than a 2-core laptop has while the teacher scrolls. So an off-screen tile hears
 * of its changes at most every BACKGROUND_INTERVAL_MS, and those notifications run in chunks of
 * about BACKGROUND_BUDGET_MS each, one task per chunk, so a frame can be painted between two.
 *
 * React renders a useSyncExternalStore update in a microtask after the listener ran; a
 * microtask queued after the chunk's listeners runs after that render, so the chunk measures
 * its whole cost (listeners and render) and sizes the next chunk from it.
 */

/**
 * Off-screen words lag by at most about this (plus the chunks' own time): a second is "live" to
 * a reader, and a class of 300 then costs one re-render per tile per second instead of ten.
 */
export const BACKGROUND_INTERVAL_MS = 1_000;
/** Main-thread time one chunk may take: well under a 16 ms frame and a 50 ms long task. */
export const BACKGROUND_BUDGET_MS = 6;
/** The first chunk's size, before any was measured. */
const FIRST_CHUNK = 8;
/** A chunk is never larger, whatever the measure says (one slow chunk must not follow a fast one). */
const MAX_CHUNK = 64;

/** Options of {@link createBackgroundNotifier}. */
export type BackgroundNotifierOptions = {
  /** Calls the off-screen listeners of one key. */
  notify: (key: string) => void;
  intervalMs?: number;
  budgetMs?: number;
  /** The clock (ms); default performance.now where there is one, else Date.now. */
  now?: () => number;
  /** Runs `task` as a new task after `ms`; default setTimeout. */
  schedule?: (task: () => void, ms: number) => unknown;
  /** Runs `job` after the current task's microtasks queued so far; default queueMicrotask. */
  afterRender?: (job: () => void) => void;
};

/** Keys waiting to be told, drained in slices. */
export type BackgroundNotifier = {
  /** Marks `key` changed; its listeners hear of it in the next drain. */
  mark(key: string): void;
  /** Forgets `key` (it left, or its readers are on screen and were told already). */
  forget(key: string): void;
  /** Keys waiting (for tests). */
  readonly pending: number;
};

/**
 * A notifier whose drains start at most every `intervalMs` and run `budgetMs` slices.
 *
 * @example
 * const background = createBackgroundNotifier({ notify: (id) => offScreenListeners.get(id)?.notify() });
 * background.mark("participant-1");
 */
export function createBackgroundNotifier(options: BackgroundNotifierOptions): BackgroundNotifier {
  const intervalMs = options.intervalMs ?? BACKGROUND_INTERVAL_MS;
  const budgetMs = options.budgetMs ?? BACKGROUND_BUDGET_MS;
  const now = options.now ?? (typeof performance === "undefined" ? Date.now : () => performance.now());
  const schedule = options.schedule ?? ((task: () => void, ms: number) => setTimeout(task, ms));
  const afterRender = options.afterRender ?? ((job: () => void) => queueMicrotask(job));
  /** Marked since the current drain began: they wait for the next one. */
  let waiting = new Set<string>();
  /** Being told in the current drain; a key marked again meanwhile reads its newest value then. */
  let draining = new Set<string>();
  let isScheduled = false;
  let drainStartedAt = Number.NEGATIVE_INFINITY;
  let chunk = FIRST_CHUNK;

  function scheduleChunk() {
    if (isScheduled) return;
    if (draining.size > 0) {
      isScheduled = true;
      schedule(runChunk, 0);
    } else if (waiting.size > 0) {
      // A new drain starts no sooner than an interval after the last one started: a class that
      // changes faster than it drains is told once per interval, never in a busy loop.
      isScheduled = true;
      schedule(startDrain, Math.max(0, drainStartedAt + intervalMs - now()));
    }
  }

  function startDrain() {
    drainStartedAt = now();
    draining = waiting;
    waiting = new Set();
    runChunk();
  }

  function runChunk() {
    isScheduled = false;
    const start = now();
    let told = 0;
    for (const key of draining) {
      draining.delete(key);
      options.notify(key);
      told += 1;
      if (told >= chunk) break;
    }
    afterRender(() => {
      // Cost per key including React's render; the next chunk fits the budget.
      if (told > 0) {
        const perKey = Math.max(0.01, (now() - start) / told);
        chunk = Math.max(1, Math.min(MAX_CHUNK, Math.floor(budgetMs / perKey)));
      }
      scheduleChunk();
    });
  }

  return {
    mark(key) {
      if (!draining.has(key)) waiting.add(key);
      scheduleChunk();
    },
    forget(key) {
      waiting.delete(key);
      draining.delete(key);
    },
    get pending() {
      return waiting.size + draining.size;
    },
  };
}
