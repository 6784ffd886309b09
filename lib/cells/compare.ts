/** Comparing a student's output with the reference's: exactly, with a verdict a student can act on. */

/**
 * Two doubles this close (relative) are "the same arithmetic in another order": the sum's last
 * digits differ by a few units of rounding, never by a real mistake. 1e-9 is ~10⁷ ulps: wide
 * enough for any reordering of the cells' short sums, far below any off-by-one or wrong weight.
 */
export const CLOSE_RELATIVE_TOLERANCE = 1e-9;

/** How a student's vector compares with the reference's. */
export type Verdict =
  | { kind: "exact" }
  | { kind: "close" }
  | { kind: "wrong" }
  | { kind: "shape"; message: string }
  | { kind: "nan"; message: string };

/**
 * Compares `got` with `expected` element by element. `===` decides a match, so 0 and -0 agree
 * (the chapter's Python prints both as 0.0) and anything else must be the very same double.
 *
 * @example compareVectors([11.5, 16], [11.5, 16]) // { kind: "exact" }
 */
export function compareVectors(expected: readonly number[], got: unknown): Verdict {
  if (!Array.isArray(got))
    return { kind: "shape", message: `expected an array of ${expected.length} numbers, got ${describeValue(got)}` };
  if (got.length !== expected.length) {
    return {
      kind: "shape",
      message: `expected ${expected.length} number${expected.length === 1 ? "" : "s"}, got ${got.length}`,
    };
  }
  for (let i = 0; i < got.length; i++) {
    const value: unknown = got[i];
    if (typeof value !== "number")
      return { kind: "shape", message: `element ${i} is ${describeValue(value)}, not a number` };
    if (!Number.isFinite(value)) return { kind: "nan", message: `element ${i} is ${String(value)}` };
  }
  const numbers = got as number[];
  if (numbers.every((value, i) => value === expected[i])) return { kind: "exact" };
  const isClose = numbers.every((value, i) => isNearlyEqual(value, expected[i] ?? Number.NaN));
  return isClose ? { kind: "close" } : { kind: "wrong" };
}

function isNearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= CLOSE_RELATIVE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Longest text shown for one value in a case table. */
const MAX_FORMAT_CHARS = 200;
/**
 * Significant digits a number shows by default: a phone-width table reads "0.123457", not
 * "0.12345678901234566". More are shown only when needed to tell a student's value from the reference.
 */
export const SHOWN_DIGITS = 6;
/** A double's full precision: at this many digits the shortest round-trip text is shown. */
const FULL_DIGITS = 17;

/** `value` to `digits` significant digits, without trailing zeros; -0 reads as 0. */
export function formatNumber(value: number, digits: number = FULL_DIGITS): string {
  if (Object.is(value, -0)) return "0";
  if (!Number.isFinite(value) || digits >= FULL_DIGITS) return String(value);
  return String(Number(value.toPrecision(digits)));
}

/**
 * The fewest significant digits (at least {@link SHOWN_DIGITS}) at which every element of `got`
 * that differs from `expected` also reads differently, so "close, but not equal" shows where.
 *
 * @example digitsToTellApart([0.175], [0.17500000000000002]) // 17
 */
export function digitsToTellApart(expected: readonly number[], got: readonly number[]): number {
  for (let digits = SHOWN_DIGITS; digits < FULL_DIGITS; digits++) {
    const isTold = expected.every((value, i) => {
      const other = got[i];
      return other === undefined || other === value || formatNumber(value, digits) !== formatNumber(other, digits);
    });
    if (isTold) return digits;
  }
  return FULL_DIGITS;
}

/**
 * A value as the case table shows it: numbers to `digits` significant digits (full precision by
 * default), arrays in brackets.
 */
export function formatValue(value: unknown, depth = 0, digits: number = FULL_DIGITS): string {
  let text: string;
  if (typeof value === "number") text = formatNumber(value, digits);
  else if (Array.isArray(value))
    text = depth > 2 ? "[…]" : `[${value.map((item) => formatValue(item, depth + 1, digits)).join(", ")}]`;
  else if (typeof value === "string") text = JSON.stringify(value);
  else text = describeValue(value);
  return text.length > MAX_FORMAT_CHARS ? `${text.slice(0, MAX_FORMAT_CHARS - 1)}…` : text;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined (did you forget to return?)";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the text ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value)}`;
}
