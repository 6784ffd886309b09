import type { DatasetName } from "./datasets";
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

/** Why one straight line does or does not split each dataset, in the chapter's words. */
const LINE_VERDICT: Readonly<Record<DatasetName, string>> = {
  gaussian: "The two clouds lie on opposite sides of a line, so one line is enough here.",
  xor: "No line can split XOR: class 1 sits in two opposite corners and class 0 in the other two, so any straight line leaves at least one corner on the wrong side — at best 3 of the 4 right, and training usually settles for 50/50 everywhere. Splitting it takes a hidden layer with a non-linearity such as ReLU.",
  checkerboard:
    "No line can split the checkerboard: its squares alternate, so every straight line cuts through squares of both classes. It takes hidden units with a non-linearity, and plenty of them.",
  circles:
    "No line can split the circles: one class rings the other, and a straight line cannot enclose anything. It takes hidden units with a non-linearity.",
  spiral:
    "No line can split the spiral: its arms wind around each other, so every straight line crosses both. It takes many hidden units with a non-linearity.",
};

/**
 * What a linear net's line means on this dataset: a linear net (one neuron, or layers without a
 * non-linearity) draws one straight decision line, and whether one line can split the data.
 *
 * @example linearLimitNote("xor") // "A linear network … draws one straight line … No line can split XOR: …"
 */
export function linearLimitNote(dataset: DatasetName): string {
  return `A linear network — one neuron, or layers without a non-linearity — draws one straight decision line, where its output is 0.5. ${LINE_VERDICT[dataset]}`;
}
