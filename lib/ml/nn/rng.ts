import { NnInputError } from "./errors";

/**
 * A seeded pseudo-random generator (mulberry32). Every step is 32-bit integer arithmetic
 * (`Math.imul`, shifts), which JavaScript defines exactly, so `next()` gives the same sequence in
 * every browser, Worker and Node. `normal()` goes through `Math.log`/`Math.cos`, which engines may
 * round differently in the last bit, so normals agree across engines to about 1e-15, not bit for bit.
 */
export type Rng = {
  /** Uniform in [0, 1), in steps of 2^-32. */
  next(): number;
  /** Standard normal (mean 0, standard deviation 1) by Box–Muller; consumes two `next()` draws. */
  normal(): number;
  /** Uniform integer in [0, n) for an integer n ≥ 1. */
  int(n: number): number;
};

const UINT32_RANGE = 4294967296; // 2^32: maps a uint32 onto [0, 1)
const MULBERRY_INCREMENT = 0x6d2b79f5; // mulberry32's Weyl-sequence step
const TWO_PI = 2 * Math.PI;

/**
 * Creates a seeded generator.
 *
 * @param seed any integer; it is reduced to a uint32 (`seed >>> 0`, i.e. modulo 2^32), so `-1` and
 *   `4294967295` give the same stream. Non-integers are rejected so a stray float can't quietly
 *   pick a seed.
 * @example
 * const rng = createRng(42);
 * rng.next(); // same value in every engine
 */
export function createRng(seed: number): Rng {
  if (typeof seed !== "number" || !Number.isInteger(seed)) {
    throw new NnInputError(`seed must be an integer, got ${String(seed)}`);
  }
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + MULBERRY_INCREMENT) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / UINT32_RANGE;
  };
  return {
    next,
    normal: () => {
      // 1 - next() lies in (0, 1], so the logarithm is finite.
      const u1 = 1 - next();
      const u2 = next();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
    },
    int: (n: number) => {
      if (!Number.isInteger(n) || n < 1) throw new NnInputError(`rng.int: n must be an integer ≥ 1, got ${n}`);
      return Math.floor(next() * n);
    },
  };
}
