/**
 * progress:update's hand-written fast check (lib/protocol/progress-fast.ts) against the schema it
 * shortcuts: for well-formed and malformed payloads alike, the same verdict, the same data (the
 * map copied, never the sender's buffer) and, for a refusal, the same message.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STEPS_MAX } from "@/lib/classroom/settings";
import {
  MAP_BYTES,
  MAX_ID_LENGTH,
  MAX_LOSS_POINTS_PER_UPDATE,
  parseProgressUpdate,
  progressUpdateSchema,
  validate,
} from "@/lib/protocol";

const runId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom("", "a".repeat(MAX_ID_LENGTH), "a".repeat(MAX_ID_LENGTH + 1), "a\u0000b", "x\uD800", 7, null),
);
const step = fc.oneof(
  fc.integer({ min: 0, max: STEPS_MAX }),
  fc.constantFrom(-1, STEPS_MAX + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "3", null, 2 ** 53),
);
const accuracy = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(-0.01, 1.01, Number.NaN, Number.NEGATIVE_INFINITY, "0.5", null, -0),
);
const lossPoint = fc.tuple(fc.integer({ min: 0, max: STEPS_MAX }), fc.double({ min: 0, max: 5, noNaN: true }));
const points = fc.oneof(
  fc
    .uniqueArray(lossPoint, { selector: (point) => point[0], maxLength: 20 })
    .map((list) => list.sort((a, b) => a[0] - b[0])),
  fc.array(lossPoint, { maxLength: 5 }),
  fc.constantFrom(
    [[1, -1]],
    [[1]],
    [
      [2, 0.1],
      [1, 0.2],
    ],
    "points",
    null,
    new Array(MAX_LOSS_POINTS_PER_UPDATE + 1).fill([0, 1]),
  ),
);
const map = fc.oneof(
  fc.constant(undefined),
  fc.constant(new Uint8Array(MAP_BYTES).fill(9)),
  fc.constant(Buffer.alloc(MAP_BYTES, 3)),
  fc.constant(new Uint8Array(MAP_BYTES).fill(5).buffer),
  fc.constantFrom(new Uint8Array(MAP_BYTES - 1), "map", null, [1, 2, 3]),
);
const payload = fc.oneof(
  fc.record({ runId, step, accuracy, points, map }, { requiredKeys: ["runId", "step", "accuracy", "points"] }),
  fc.record({ runId, step, accuracy, points, map, extra: fc.string() }),
  fc.constantFrom(null, 3, "progress", [], [{ runId: "r" }]),
);

describe("parseProgressUpdate", () => {
  it("gives the schema's verdict, data and message for any payload", () => {
    fc.assert(
      fc.property(payload, (input) => {
        const fast = parseProgressUpdate(input);
        const schema = validate(progressUpdateSchema, input);
        expect(fast).toEqual(schema);
        if (fast.ok && fast.data.map) {
          expect(fast.data.map).toBeInstanceOf(Uint8Array);
          expect(fast.data.map.buffer).not.toBe((input as { map: Uint8Array | ArrayBuffer }).map);
          expect(fast.data.map.buffer).not.toBe((input as { map: Uint8Array }).map.buffer);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("takes a browser's update as it is sent", () => {
    const update = {
      runId: "run-1",
      step: 420,
      accuracy: 0.91,
      points: [
        [400, 0.31],
        [420, 0.3],
      ],
    };
    expect(parseProgressUpdate(update)).toEqual({ ok: true, data: update });
  });
});
