/**
 * Where the network view puts its nodes: two inputs on the left, the hidden units in columns of
 * at most {@link UNITS_PER_COLUMN} in the middle, the output on the right. Pure, so it is tested
 * without a browser.
 */

/** Eight units a column, as Playground's layers: hidden 32 becomes four columns. */
export const UNITS_PER_COLUMN = 8;
/** Thumbnail side in CSS px: big enough to read a line at hidden ≤ 8, smaller when columns share the width. */
const LARGE_THUMB_PX = 44;
const SMALL_THUMB_PX = 30;
/** Gap between thumbnails in a column and the margin around the diagram. */
const GAP_PX = 8;
const MARGIN_PX = 12;
/** Input and output nodes are circles of this radius. */
export const NODE_RADIUS_PX = 13;

export type Point = { readonly x: number; readonly y: number };

export type NetworkLayout = {
  readonly width: number;
  readonly height: number;
  readonly thumb: number;
  readonly inputs: readonly [Point, Point];
  /** Centre of each unit's thumbnail. */
  readonly units: readonly Point[];
  readonly output: Point;
};

/**
 * Node positions for `count` units (1 for a single neuron) in a diagram `width` px wide and, when
 * given, at most about `maxHeight` px tall (smaller thumbnails, down to 16 px: the projector).
 *
 * @example layoutNetwork(3, 400).units.length // 3
 */
export function layoutNetwork(count: number, width: number, maxHeight = Number.POSITIVE_INFINITY): NetworkLayout {
  const columns = Math.max(1, Math.ceil(count / UNITS_PER_COLUMN));
  const rows = Math.min(count, UNITS_PER_COLUMN);
  const inputX = MARGIN_PX + NODE_RADIUS_PX;
  const outputX = width - MARGIN_PX - NODE_RADIUS_PX;
  // The hidden columns share the middle, leaving room for links on either side.
  const middleLeft = inputX + 4 * NODE_RADIUS_PX;
  const middleRight = outputX - 4 * NODE_RADIUS_PX;
  const columnWidth = (middleRight - middleLeft) / columns;
  const fitsHeight = Math.floor((maxHeight - 2 * MARGIN_PX - (rows - 1) * GAP_PX) / rows);
  const thumb = Math.max(
    16,
    Math.min(columns > 1 ? SMALL_THUMB_PX : LARGE_THUMB_PX, Math.floor(columnWidth - GAP_PX), fitsHeight),
  );
  const height = 2 * MARGIN_PX + rows * thumb + (rows - 1) * GAP_PX;
  const units: Point[] = [];
  for (let i = 0; i < count; i++) {
    const column = Math.floor(i / UNITS_PER_COLUMN);
    const row = i % UNITS_PER_COLUMN;
    const inColumn = Math.min(UNITS_PER_COLUMN, count - column * UNITS_PER_COLUMN);
    // A short last column is centred vertically.
    const top = (height - (inColumn * thumb + (inColumn - 1) * GAP_PX)) / 2;
    units.push({ x: middleLeft + (column + 0.5) * columnWidth, y: top + row * (thumb + GAP_PX) + thumb / 2 });
  }
  const middle = height / 2;
  const inputGap = Math.min(height / 4, 3 * NODE_RADIUS_PX);
  return {
    width,
    height: Math.max(height, 2 * MARGIN_PX + 4 * NODE_RADIUS_PX + inputGap),
    thumb,
    inputs: [
      { x: inputX, y: middle - inputGap },
      { x: inputX, y: middle + inputGap },
    ],
    units,
    output: { x: outputX, y: middle },
  };
}

/** Link width in CSS px by |weight|: 0 → hairline, ≥ 3 → the widest (larger weights look the same). */
export function linkWidth(weight: number): number {
  const MIN_PX = 0.75;
  const MAX_PX = 6;
  const SATURATES_AT = 3;
  return MIN_PX + (MAX_PX - MIN_PX) * Math.min(1, Math.abs(weight) / SATURATES_AT);
}
