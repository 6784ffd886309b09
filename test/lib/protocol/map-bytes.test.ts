/** Packed maps: many decision maps in one buffer with an id index, and back, through the wire schema. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  encodeTeacherFrame,
  MAP_BYTES,
  MAX_MAPS_PER_FRAME,
  packedMapsSchema,
  packMaps,
  type TeacherFrame,
  teacherFrameSchema,
  unpackMaps,
} from "../../../lib/protocol";

const mapArbitrary = fc.uint8Array({ minLength: MAP_BYTES, maxLength: MAP_BYTES });
const entriesArbitrary = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9]{1,24}$/), mapArbitrary), {
  maxLength: 40,
  selector: ([id]) => id,
});

describe("packMaps / unpackMaps", () => {
  it("round-trips any set of maps, byte for byte, in one buffer of MAP_BYTES per map", () => {
    fc.assert(
      fc.property(entriesArbitrary, (entries) => {
        const packed = packMaps(entries);
        expect(packed.bytes.byteLength).toBe(entries.length * MAP_BYTES);
        expect(packed.ids).toEqual(entries.map(([id]) => id));
        const unpacked = unpackMaps(packed);
        expect([...unpacked.entries()]).toEqual(entries);
      }),
    );
  });

  it("hands out copies: changing the buffer afterwards changes no unpacked map", () => {
    const packed = packMaps([["p1", new Uint8Array(MAP_BYTES).fill(7)]]);
    const map = unpackMaps(packed).get("p1");
    packed.bytes.fill(0);
    expect(map?.[0]).toBe(7);
    expect(map?.buffer.byteLength).toBe(MAP_BYTES);
  });

  it("reads the buffer as Node (Buffer) and browsers (ArrayBuffer) receive it", () => {
    const packed = packMaps([
      ["a", new Uint8Array(MAP_BYTES).fill(1)],
      ["b", new Uint8Array(MAP_BYTES).fill(2)],
    ]);
    const schema = packedMapsSchema(MAX_MAPS_PER_FRAME);
    const asBuffer = schema.parse({ ids: packed.ids, bytes: Buffer.from(packed.bytes) });
    const asArrayBuffer = schema.parse({ ids: packed.ids, bytes: packed.bytes.slice().buffer });
    for (const parsed of [asBuffer, asArrayBuffer]) expect(unpackMaps(parsed).get("b")?.[MAP_BYTES - 1]).toBe(2);
  });

  it("refuses a buffer that does not hold exactly one map per id, repeated ids, and too many maps", () => {
    const schema = packedMapsSchema(2);
    expect(schema.safeParse({ ids: ["a"], bytes: new Uint8Array(MAP_BYTES + 1) }).success).toBe(false);
    expect(schema.safeParse({ ids: ["a", "b"], bytes: new Uint8Array(MAP_BYTES) }).success).toBe(false);
    expect(schema.safeParse({ ids: ["a", "a"], bytes: new Uint8Array(2 * MAP_BYTES) }).success).toBe(false);
    expect(schema.safeParse({ ids: ["a", "b", "c"], bytes: new Uint8Array(3 * MAP_BYTES) }).success).toBe(false);
    expect(schema.safeParse({ ids: ["a", "b"], bytes: new Uint8Array(2 * MAP_BYTES) }).success).toBe(true);
  });
});

describe("teacher frames on the wire", () => {
  it("a frame's maps travel in one buffer and come back on their deltas", () => {
    const counts = {
      total: 3,
      reached: 0,
      joined: 1,
      training: 2,
      paused: 0,
      diverged: 0,
      finished: 0,
      disconnected: 0,
    };
    const frame: TeacherFrame = {
      t: 1,
      tick: 4,
      counts,
      participants: [
        { id: "p1", step: 3, map: new Uint8Array(MAP_BYTES).fill(11) },
        { id: "p2", status: "joined" },
        { id: "p3", map: new Uint8Array(MAP_BYTES).fill(33) },
      ],
    };
    const wire = encodeTeacherFrame(frame);
    expect(wire.maps.ids).toEqual(["p1", "p3"]);
    expect(wire.participants.some((delta) => "map" in delta)).toBe(false);
    expect(teacherFrameSchema.parse(wire)).toEqual(frame);
  });

  it("a map for a participant the frame does not name is ignored", () => {
    const counts = {
      total: 0,
      reached: 0,
      joined: 0,
      training: 0,
      paused: 0,
      diverged: 0,
      finished: 0,
      disconnected: 0,
    };
    const wire = { t: 1, tick: 1, counts, participants: [], maps: packMaps([["ghost", new Uint8Array(MAP_BYTES)]]) };
    expect(teacherFrameSchema.parse(wire).participants).toEqual([]);
  });
});
