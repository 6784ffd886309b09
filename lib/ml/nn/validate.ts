import { NnInputError } from "./errors";

/**
 * Guards shared by the public entry points. Each throws an {@link NnInputError} whose message
 * names the argument, so a caller can show it to a person without translating it.
 */

/** Throws unless `value` is a finite number. */
export function assertFinite(value: number, what: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new NnInputError(`${what} must be a finite number, got ${String(value)}`);
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function assertIntInRange(value: number, min: number, max: number, what: string): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new NnInputError(`${what} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
}

/** Throws unless `value` is a finite number in [min, max]. */
export function assertInRange(value: number, min: number, max: number, what: string): void {
  assertFinite(value, what);
  if (value < min || value > max) throw new NnInputError(`${what} must be in [${min}, ${max}], got ${value}`);
}

/** Throws unless `value` is a finite number strictly greater than 0. */
export function assertPositive(value: number, what: string): void {
  assertFinite(value, what);
  if (value <= 0) throw new NnInputError(`${what} must be greater than 0, got ${value}`);
}

/** Throws unless every element of an array-like of numbers is finite. */
export function assertAllFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new NnInputError(`${what}[${i}] must be a finite number, got ${String(v)}`);
    }
  }
}

/** Throws unless `value` is one of `allowed`; narrows the type on return. */
export function assertOneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): asserts value is T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new NnInputError(`unknown ${what} ${JSON.stringify(value)}; expected one of ${allowed.join(", ")}`);
  }
}

/** True when every element is finite; the non-throwing form for hot paths. */
export function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    // `v - v` is 0 for finite v and NaN for ±Infinity or NaN: one test catches both.
    const v = values[i] as number;
    if (v - v !== 0) return false;
  }
  return true;
}
