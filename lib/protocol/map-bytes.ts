/**
 * The decision map on the wire: 32 × 32 bytes, row-major, row 0 at the top of the plot (largest
 * y), column 0 at the left (smallest x). Each byte is the network's class-1 probability × 255.
 * socket.io sends a Uint8Array as a binary attachment; Node receives it as a Buffer and browsers
 * as an ArrayBuffer, so the schema accepts all three and hands back a fresh Uint8Array. A student
 * sends one map per update; teachers receive a frame's or snapshot's maps packed in one buffer
 * ({@link packMaps}).
 */
import { z } from "../zod";
import { idSchema } from "./common";
import { MAP_BYTES, MAP_RESOLUTION } from "./limits";

/** Byte for an uncertain pixel, also used for a non-finite probability. */
const UNCERTAIN_BYTE = 128;

/**
 * A decision map: exactly {@link MAP_BYTES} bytes as Uint8Array, Buffer or ArrayBuffer; outputs
 * a copied Uint8Array (a copy, so the room never pins a pooled network buffer).
 */
export const mapBytesSchema = z
  .union([z.instanceof(Uint8Array), z.instanceof(ArrayBuffer)])
  .refine((bytes) => bytes.byteLength === MAP_BYTES, { message: `A map is exactly ${MAP_BYTES} bytes` })
  .transform((bytes): Uint8Array => new Uint8Array(bytes instanceof ArrayBuffer ? bytes.slice(0) : bytes));

/**
 * Encodes probabilities (one per pixel, row-major as above) into map bytes. Out-of-range values
 * are clamped; NaN becomes "uncertain" rather than poisoning the thumbnail.
 *
 * @example
 * const bytes = encodeMap(probabilities); // Float32Array(1024) → Uint8Array(1024)
 */
export function encodeMap(probabilities: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(MAP_BYTES);
  for (let i = 0; i < MAP_BYTES; i++) {
    const p = probabilities[i] ?? Number.NaN;
    bytes[i] = Number.isFinite(p) ? Math.round(Math.min(1, Math.max(0, p)) * 255) : UNCERTAIN_BYTE;
  }
  return bytes;
}

/** The class-1 probability a map byte stands for (0–1). */
export function mapByteToProbability(byte: number): number {
  return byte / 255;
}

/** Index of pixel (column, row) in a map; row 0 is the top. */
export function mapIndex(column: number, row: number): number {
  return row * MAP_RESOLUTION + column;
}

/** True when two maps hold the same bytes; used to skip unchanged maps in frames. */
export function isSameMap(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

/**
 * Many maps in one binary buffer: `bytes` holds `ids.length` maps of {@link MAP_BYTES} each, the
 * i-th belonging to `ids[i]`. A frame or snapshot sends its maps as this one attachment, so a
 * packet never has more than one binary part whatever the class size (socket.io-parser's default
 * limit is 10 attachments per packet).
 */
export type PackedMaps = { ids: string[]; bytes: Uint8Array };

/** No maps. */
export const NO_PACKED_MAPS: PackedMaps = { ids: [], bytes: new Uint8Array(0) };

/**
 * Packs `[id, map]` pairs into one buffer, in the given order.
 *
 * @example
 * const packed = packMaps([["p1", map1], ["p2", map2]]); // packed.bytes.length === 2 * MAP_BYTES
 */
export function packMaps(entries: ReadonlyArray<readonly [string, Uint8Array]>): PackedMaps {
  const bytes = new Uint8Array(entries.length * MAP_BYTES);
  const ids: string[] = [];
  entries.forEach(([id, map], i) => {
    ids.push(id);
    bytes.set(map.subarray(0, MAP_BYTES), i * MAP_BYTES);
  });
  return { ids, bytes };
}

/**
 * The maps of a packed buffer by id, each a copy (a tile keeping one map must not pin the whole
 * frame's buffer).
 */
export function unpackMaps(packed: PackedMaps): Map<string, Uint8Array> {
  const maps = new Map<string, Uint8Array>();
  packed.ids.forEach((id, i) => {
    maps.set(id, packed.bytes.slice(i * MAP_BYTES, (i + 1) * MAP_BYTES));
  });
  return maps;
}

/**
 * Packed maps on the wire: the buffer arrives as a Buffer (Node) or ArrayBuffer (browsers) and
 * must hold exactly one map per id, ids unique. Outputs `bytes` as a Uint8Array.
 */
export function packedMapsSchema(maxMaps: number) {
  return z
    .object({
      ids: z.array(idSchema).max(maxMaps),
      bytes: z
        .union([z.instanceof(Uint8Array), z.instanceof(ArrayBuffer)])
        .transform((bytes): Uint8Array => (bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes)),
    })
    .refine((packed) => packed.bytes.byteLength === packed.ids.length * MAP_BYTES, {
      message: `Packed maps are exactly ${MAP_BYTES} bytes per id`,
    })
    .refine((packed) => new Set(packed.ids).size === packed.ids.length, { message: "A map per id at most" });
}
