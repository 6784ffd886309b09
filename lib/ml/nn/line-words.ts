import type { ActiveSide, UnitLine } from "./lines";

/**
 * Lines from weights in plain words, for screen readers and for tests that read the page like a
 * person: "unit 3: active right of the line through (−1.2, 2.0) and (0.4, −2.0)". Numbers have
 * one decimal and a true minus sign (U+2212), which screen readers say as "minus".
 */

/** Decimals in a described coordinate: a tenth of a data unit is a fortieth of the plot. */
const COORDINATE_DECIMALS = 1;

const SIDE_WORDS: Readonly<Record<Exclude<ActiveSide, "everywhere" | "nowhere">, string>> = {
  right: "right of",
  left: "left of",
  above: "above",
  below: "below",
};

/**
 * A hidden unit's line in words, numbered from 1 as the page shows units.
 *
 * @example describeUnitLine(line) // "unit 3: active right of the line through (−1.2, 2.0) and (0.4, −2.0)"
 */
export function describeUnitLine(line: UnitLine): string {
  return `unit ${line.unit + 1}: ${sideText("active", line)}`;
}

/**
 * A linear net's decision line in words: where it predicts class 1 (output above 0.5).
 *
 * @example describeDecisionLine(line) // "decision line: class 1 above the line through (−2.0, −0.3) and (2.0, 0.8)"
 */
export function describeDecisionLine(line: UnitLine): string {
  return `decision line: ${sideText("class 1", line)}`;
}

/**
 * A number as the descriptions print it: one decimal, U+2212 for negatives, never "−0.0".
 *
 * @example formatCoordinate(-1.23) // "−1.2"
 */
export function formatCoordinate(value: number): string {
  const text = value.toFixed(COORDINATE_DECIMALS);
  if (Number(text) === 0) return (0).toFixed(COORDINATE_DECIMALS);
  return text.startsWith("-") ? `\u2212${text.slice(1)}` : text;
}

function sideText(what: string, { segment, activeSide }: UnitLine): string {
  if (segment === null || activeSide === "everywhere" || activeSide === "nowhere") {
    return `${what} ${activeSide === "everywhere" ? "everywhere" : "nowhere"} on the plot (its line does not cross it)`;
  }
  const [x0, y0, x1, y1] = segment;
  const point = (x: number, y: number) => `(${formatCoordinate(x)}, ${formatCoordinate(y)})`;
  return `${what} ${SIDE_WORDS[activeSide]} the line through ${point(x0, y0)} and ${point(x1, y1)}`;
}
