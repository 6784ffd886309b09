import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  encodeMap,
  isSameMap,
  MAP_BYTES,
  MAP_RESOLUTION,
  MAX_MESSAGE_BYTES,
  mapByteToProbability,
  mapIndex,
  runFinishSchema,
  validate,
} from "../../../lib/protocol";
import { largestFinish } from "./fixtures";

describe("MAX_MESSAGE_BYTES", () => {
  it("fits the largest legal run:finish (JSON plus the map attachment)", () => {
    const finish = largestFinish();
    expect(runFinishSchema.safeParse(finish).success).toBe(true);
    const json = JSON.stringify({ ...finish, map: { _placeholder: true, num: 0 } });
    const wireBytes = Buffer.byteLength(`451-12["run:finish",${json}]`) + MAP_BYTES;
    expect(wireBytes).toBeLessThan(MAX_MESSAGE_BYTES);
  });
});

describe("map bytes", () => {
  it("addresses every pixel of the grid exactly once, row by row", () => {
    const indices: number[] = [];
    for (let row = 0; row < MAP_RESOLUTION; row++) {
      for (let column = 0; column < MAP_RESOLUTION; column++) indices.push(mapIndex(column, row));
    }
    expect(indices).toEqual(Array.from({ length: MAP_BYTES }, (_, i) => i));
  });

  it("encodes probabilities, clamps out-of-range and maps NaN to uncertain", () => {
    const probabilities = new Float64Array(MAP_BYTES).fill(0.5);
    probabilities[0] = 0;
    probabilities[1] = 1;
    probabilities[2] = 7;
    probabilities[3] = Number.NaN;
    const bytes = encodeMap(probabilities);
    expect([bytes[0], bytes[1], bytes[2], bytes[3], bytes[4]]).toEqual([0, 255, 255, 128, 128]);
    expect(mapByteToProbability(255)).toBe(1);
  });

  it("compares maps by content", () => {
    const a = new Uint8Array(MAP_BYTES);
    const b = new Uint8Array(MAP_BYTES);
    expect(isSameMap(a, b)).toBe(true);
    b[5] = 1;
    expect(isSameMap(a, b)).toBe(false);
    expect(isSameMap(null, a)).toBe(false);
  });
});

describe("validate", () => {
  it("returns data on success and an INVALID_PAYLOAD error naming the path on failure", () => {
    const schema = z.object({ step: z.int() });
    expect(validate(schema, { step: 3 })).toEqual({ ok: true, data: { step: 3 } });
    const result = validate(schema, { step: "three" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("INVALID_PAYLOAD");
    expect(result.error.message).toContain("step");
  });

  it("never throws, even on a payload whose getter throws", () => {
    const hostile = {
      get step() {
        throw new Error("boom");
      },
    };
    expect(() => validate(z.object({ step: z.int() }), hostile)).not.toThrow();
    expect(validate(z.object({ step: z.int() }), hostile).ok).toBe(false);
  });

  it("keeps the message short for a payload with many problems", () => {
    const result = validate(
      z.array(z.int()),
      Array.from({ length: 10_000 }, () => "x"),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThan(400);
  });
});
