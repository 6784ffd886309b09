/**
 * The chapter's colours for a decision map: warm = class 1, cool = class 0, faint = uncertain.
 * A byte b (probability b/255) is mixed from white towards warm or cool by its certainty
 * |2p − 1|, so a 50 % pixel is white and only a confident one is saturated.
 */
const WARM_RGB = [234, 88, 12] as const; // orange-600
const COOL_RGB = [37, 99, 235] as const; // blue-600
/** Even a certain pixel keeps some white, so the data points stay readable on top of it. */
const MAX_TINT = 0.78;

/**
 * Discretized ("hard regions", as in TensorFlow Playground): every pixel takes its predicted
 * class's colour at this tint, so the boundary is a sharp edge. A byte ≥ 128 (p ≥ 0.5) is class 1,
 * as the predictions count it.
 */
const HARD_TINT = 0.55;

function buildLut(isHard: boolean): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let byte = 0; byte < 256; byte++) {
    const p = byte / 255;
    const tint = isHard ? HARD_TINT : Math.abs(2 * p - 1) * MAX_TINT;
    const target = p >= 0.5 ? WARM_RGB : COOL_RGB;
    for (let channel = 0; channel < 3; channel++) {
      lut[byte * 4 + channel] = Math.round(255 + (target[channel]! - 255) * tint);
    }
    lut[byte * 4 + 3] = 255;
  }
  return lut;
}

/** RGBA for every map byte: 256 × 4 entries. */
export const MAP_PALETTE = buildLut(false);
/** The same for a discretized map: two colours, split at p = 0.5. */
export const HARD_MAP_PALETTE = buildLut(true);

/** Disagreement's ink: a dark violet, neither warm nor cool, so it never reads as a class. */
const DISAGREEMENT_RGB = [46, 16, 101] as const; // violet-950

/**
 * A disagreement map (lib/classroom/consensus, 0 = unanimous … 255 = split half and half): light
 * where the class agrees, dark where it disagrees, in one hue whose lightness alone carries it.
 */
export const DISAGREEMENT_PALETTE = (() => {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let byte = 0; byte < 256; byte++) {
    for (let channel = 0; channel < 3; channel++) {
      lut[byte * 4 + channel] = Math.round(255 + ((DISAGREEMENT_RGB[channel] ?? 0) - 255) * (byte / 255) * 0.9);
    }
    lut[byte * 4 + 3] = 255;
  }
  return lut;
})();

/** Which colours a map's bytes are painted in. */
export type MapTone = "decision" | "disagreement";

/**
 * Fills `image` from map bytes through the palette, from `offset` in `bytes` (a unit's map inside
 * the network view's strip of maps).
 */
export function paintMap(
  bytes: Uint8Array,
  image: ImageData,
  isDiscretized = false,
  offset = 0,
  tone: MapTone = "decision",
): void {
  const data = image.data;
  const palette = tone === "disagreement" ? DISAGREEMENT_PALETTE : isDiscretized ? HARD_MAP_PALETTE : MAP_PALETTE;
  const count = image.width * image.height;
  for (let i = 0; i < count; i++) {
    const entry = (bytes[offset + i] ?? 128) * 4;
    data[i * 4] = palette[entry]!;
    data[i * 4 + 1] = palette[entry + 1]!;
    data[i * 4 + 2] = palette[entry + 2]!;
    data[i * 4 + 3] = 255;
  }
}

export const POINT_STYLE = {
  /** Class 1: warm filled circle. Class 0: cool filled square. Two shapes, so colour is not the only signal. */
  warm: "rgb(154, 52, 18)",
  cool: "rgb(30, 64, 175)",
  outline: "rgba(255, 255, 255, 0.95)",
} as const;

/** A decision line: near-black ink (darker than any map pixel or point) on a white halo. */
export const LINE_STYLE = {
  ink: "rgb(15, 23, 42)",
  halo: "rgba(255, 255, 255, 0.9)",
} as const;
