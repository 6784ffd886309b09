/**
 * Training speeds the student picks, in steps per second. The default is the chapter's pace: a
 * 2,000-step XOR run takes about six seconds, long enough to see the early plateau and the drop;
 * "max" runs as fast as the core allows (tens of thousands of steps per second), yielding between
 * slices so the Worker still hears "pause".
 */

/** The speed names, slowest first. */
export const SPEEDS = ["slow", "default", "fast", "max"] as const;
/** One speed name. */
export type Speed = (typeof SPEEDS)[number];

/** Steps per second per paced speed; `max` is unpaced. */
export const STEPS_PER_SECOND: Readonly<Record<Exclude<Speed, "max">, number>> = {
  /** 2,000 steps in ~25 s: every wiggle of the boundary is visible. */
  slow: 80,
  /** 2,000 steps in ~6 s: the plateau and the drop, as the issue asks. */
  default: 350,
  /** 2,000 steps in ~1.3 s. */
  fast: 1_500,
};

/** Labels for the speed select. */
export const SPEED_LABELS: Readonly<Record<Speed, string>> = {
  slow: "Slow",
  default: "Normal",
  fast: "Fast",
  max: "Max",
};

/**
 * Longest busy slice between yields, in ms. 12 ms leaves a 60 Hz frame room for messages and
 * keeps a "pause" answered within one slice; in a Worker it never blocks the page.
 */
export const SLICE_BUDGET_MS = 12;
/** Delay between paced slices, in ms: about one display frame. */
export const SLICE_INTERVAL_MS = 16;
/**
 * Most steps a paced slice catches up after a stall (a background tab's throttled timers): a
 * quarter second's worth, so the curve does not jump when the tab comes back.
 */
export const MAX_CATCH_UP_SECONDS = 0.25;

/**
 * A pacer: how many steps are due now at `speed`, given the steps already run since the pace
 * (re)started. A stall does not build up a burst of more than {@link MAX_CATCH_UP_SECONDS}.
 */
export type Pacer = {
  /** Steps to run now (Infinity at max speed: bounded by the time budget instead). */
  due(now: number): number;
  /** Counts steps that ran. */
  ran(steps: number): void;
  /** Restarts the pace from `now` (after a pause or a speed change). */
  restart(now: number, speed: Speed): void;
  readonly speed: Speed;
};

/**
 * Creates a {@link Pacer}.
 *
 * @example
 * const pacer = createPacer("default", now());
 * const steps = pacer.due(now()); driver.advance({ maxSteps: steps }); pacer.ran(steps);
 */
export function createPacer(speed: Speed, now: number): Pacer {
  let current = speed;
  let origin = now;
  let credited = 0;
  return {
    get speed() {
      return current;
    },
    due(at: number): number {
      if (current === "max") return Number.POSITIVE_INFINITY;
      const rate = STEPS_PER_SECOND[current];
      const owed = Math.floor(((at - origin) / 1000) * rate) - credited;
      const cap = Math.ceil(rate * MAX_CATCH_UP_SECONDS);
      if (owed > cap) {
        // Forgive the stall: move the origin so only `cap` steps are owed.
        credited += owed - cap;
        return cap;
      }
      return Math.max(0, owed);
    },
    ran(steps: number): void {
      credited += steps;
    },
    restart(at: number, next: Speed): void {
      current = next;
      origin = at;
      credited = 0;
    },
  };
}
