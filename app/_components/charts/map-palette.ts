/**
 * The chapter's colours for a decision map: warm = class 1, cool = class 0, faint = uncertain.
 * A byte b (probability b/255) is mixed from white towards warm or cool by its certainty
 * |2p − 1|, so a 50 % pixel is white and only a confident one is saturated.
 */
const WARM_RGB = [234, 88, 12] as const; // orange-600
const COOL_RGB = [37, 99, 235] as const; // blue-600
/** Even a certain pixel keeps some white, so the data points stay readable on top of it. */
const MAX_TINT = 0.78;

function buildLut(): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let byte = 0; byte < 256; byte++) {
    const p = byte / 255;
    const tint = Math.abs(2 * p - 1) * MAX_TINT;
    const target = p >= 0.5 ? WARM_RGB : COOL_RGB;
    for (let channel = 0; channel < 3; channel++) {
      lut[byte * 4 + channel] = Math.round(255 + (target[channel]! - 255) * tint);
    }
    lut[byte * 4 + 3] = 255;
  }
  return lut;
}

/** RGBA for every map byte: 256 × 4 entries. */
export const MAP_PALETTE = buildLut();

/** Fills `image` (resolution × resolution) from map bytes through the palette. */
export function paintMap(bytes: Uint8Array, image: ImageData): void {
  const data = image.data;
  for (let i = 0; i < bytes.length; i++) {
    const offset = bytes[i]! * 4;
    data[i * 4] = MAP_PALETTE[offset]!;
    data[i * 4 + 1] = MAP_PALETTE[offset + 1]!;
    data[i * 4 + 2] = MAP_PALETTE[offset + 2]!;
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
