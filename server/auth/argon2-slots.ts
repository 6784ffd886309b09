/**
 * A counting semaphore for argon2 work: at most `max` hashes run at once, at most `maxQueued`
 * wait; beyond that the work is refused (AppError RATE_LIMITED) without being started.
 */
import { AppError } from "../errors";

/** The slots' API. */
export type Slots = {
  /** Runs `work` when a slot is free. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Changes the number of slots (from ARGON2_MAX_CONCURRENT at start-up). */
  resize(max: number): void;
  readonly active: number;
  readonly queued: number;
};

/** Slots for `max` concurrent tasks with a waiting line of `maxQueued`. */
export function createSlots(initialMax: number, maxQueued: number): Slots {
  let max = initialMax;
  let active = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    active -= 1;
    while (active < max && waiting.length > 0) {
      active += 1;
      waiting.shift()?.();
    }
  }

  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (active >= max) {
        if (waiting.length >= maxQueued) {
          throw new AppError("RATE_LIMITED", "The server is busy signing people in: try again in a few seconds.");
        }
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        active += 1;
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
    resize(next: number): void {
      max = next;
      while (active < max && waiting.length > 0) {
        active += 1;
        waiting.shift()?.();
      }
    },
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
  };
}
