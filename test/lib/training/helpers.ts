/** A virtual clock and scheduler: timers fire in time order when the test advances the clock. */
import { defaultSessionSettings, type RunConfig, resolveRunConfig } from "../../../lib/classroom/settings";
import type { Schedule } from "../../../lib/training";

export type FakeTime = {
  now: () => number;
  schedule: Schedule;
  advance: (ms: number) => void;
  runUntilIdle: (limitMs: number) => void;
};

/**
 * Time only moves when the test says so; `tickPerRead` ms pass on every now() call so a time
 * budget can run out without a real clock.
 */
export function createFakeTime(tickPerRead = 0): FakeTime {
  let time = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const fireDue = (until: number) => {
    for (;;) {
      let dueId = -1;
      let dueAt = Number.POSITIVE_INFINITY;
      for (const [id, timer] of timers) {
        if (timer.at <= until && timer.at < dueAt) {
          dueAt = timer.at;
          dueId = id;
        }
      }
      const timer = timers.get(dueId);
      if (!timer) return;
      timers.delete(dueId);
      time = Math.max(time, timer.at);
      timer.callback();
    }
  };
  return {
    now: () => {
      time += tickPerRead;
      return time;
    },
    schedule: (callback, delayMs) => {
      const id = nextId++;
      timers.set(id, { at: time + delayMs, callback });
      return () => timers.delete(id);
    },
    advance: (ms) => {
      const until = time + ms;
      fireDue(until);
      time = Math.max(time, until);
    },
    runUntilIdle: (limitMs) => {
      const until = time + limitMs;
      while (timers.size > 0 && time < until) {
        const next = Math.min(...[...timers.values()].map((timer) => timer.at));
        fireDue(next);
      }
    },
  };
}

/** The class defaults: XOR, hidden 8, lr 0.3, 2,000 steps, target 95 %. */
export function xorConfig(overrides: Partial<RunConfig> = {}): RunConfig {
  return { ...resolveRunConfig(defaultSessionSettings(), {}), ...overrides };
}
