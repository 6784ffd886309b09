import type { Line2 } from "./lines";

/**
 * A linear net's decision line read back from its quantized decision map, for views that have the
 * map but not the weights (the teacher's 240 px tiles). A linear net's decision boundary is a
 * straight line, and the map's bytes switch from 127 to 128 exactly where p crosses ½, however
 * flat or steep the net: the line is fitted (total least squares) through the midpoints of
 * neighbouring pixels on either side. A logit fit of the pale pixels was tried first and failed on
 * the flat maps that matter most (one neuron on XOR): there, 8-bit rounding swamps the slope.
 * Sampling as decisionMap: pixel (row, col) at its centre, row 0 at the top.
 */

/** Byte 127 is p < ½ and byte 128 is p ≥ ½ (bytes are round(p·255)): the boundary is p = ½ exactly. */
const HALF_BYTE = 127.5;

/**
 * The decision line (output ½, logit 0) of a map drawn from a linear net, in data units, with its
 * positive side towards class 1; null when no pixel pair straddles ½ (the line misses the plot, or
 * one class everywhere).
 *
 * @example lineFromMap(tile.map, 32, DATASET_EXTENT) // ≈ collapseLinear(net), up to scale
 */
export function lineFromMap(map: Uint8Array, resolution: number, extent: number): Line2 | null {
  return boundaryFit(map, resolution, extent);
}

function pixelCentre(index: number, resolution: number, extent: number): [number, number] {
  const step = (2 * extent) / resolution;
  const row = Math.floor(index / resolution);
  const column = index - row * resolution;
  return [-extent + (column + 0.5) * step, extent - (row + 0.5) * step];
}

/**
 * Total least squares through the midpoints of neighbouring pixels on either side of ½, oriented
 * so that the class-1 pixels are on the positive side.
 */
function boundaryFit(map: Uint8Array, resolution: number, extent: number): Line2 | null {
  const xs: number[] = [];
  const ys: number[] = [];
  let towardsOne = [0, 0];
  for (let i = 0; i < map.length; i++) {
    const row = Math.floor(i / resolution);
    const column = i - row * resolution;
    const neighbours = [column + 1 < resolution ? i + 1 : -1, row + 1 < resolution ? i + resolution : -1];
    for (const j of neighbours) {
      if (j < 0) continue;
      const isOne = map[i]! > HALF_BYTE;
      if (isOne === map[j]! > HALF_BYTE) continue;
      const [x0, y0] = pixelCentre(i, resolution, extent);
      const [x1, y1] = pixelCentre(j, resolution, extent);
      xs.push((x0 + x1) / 2);
      ys.push((y0 + y1) / 2);
      const sign = isOne ? 1 : -1;
      towardsOne = [towardsOne[0]! + sign * (x0 - x1), towardsOne[1]! + sign * (y0 - y1)];
    }
  }
  if (xs.length < 2) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let cxx = 0,
    cxy = 0,
    cyy = 0;
  for (let k = 0; k < xs.length; k++) {
    const dx = xs[k]! - mx;
    const dy = ys[k]! - my;
    cxx += dx * dx;
    cxy += dx * dy;
    cyy += dy * dy;
  }
  // The normal is the covariance's eigenvector of the smaller eigenvalue.
  const angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy) + Math.PI / 2;
  let a = Math.cos(angle);
  let b = Math.sin(angle);
  if (a * towardsOne[0]! + b * towardsOne[1]! < 0) {
    a = -a;
    b = -b;
  }
  return { a, b, c: -(a * mx + b * my) };
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
