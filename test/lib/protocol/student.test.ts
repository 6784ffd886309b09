import { describe, expect, it } from "vitest";
import {
  cellCheckSchema,
  MAP_BYTES,
  MAX_CURVE_POINTS,
  MAX_LOSS_POINTS_PER_UPDATE,
  progressUpdateSchema,
  runFinishSchema,
  runStartSchema,
  studentControlSchema,
  weightsSchema,
} from "../../../lib/protocol";
import { validFinish, validMap, validProgress, weightsFor } from "./fixtures";

const accepts = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe("progress:update", () => {
  it("accepts a valid update with or without a map", () => {
    expect(accepts(progressUpdateSchema, validProgress())).toBe(true);
    const { map: _map, ...withoutMap } = validProgress();
    expect(accepts(progressUpdateSchema, withoutMap)).toBe(true);
  });

  it("refuses NaN, null (a NaN after JSON), Infinity and negative losses", () => {
    for (const loss of [Number.NaN, null, Number.POSITIVE_INFINITY, -0.1, "0.5"]) {
      expect(accepts(progressUpdateSchema, { ...validProgress(), points: [[1, loss]] })).toBe(false);
    }
  });

  it("refuses a NaN loss sent through JSON like socket.io's parser does", () => {
    const wire = JSON.parse(JSON.stringify({ ...validProgress(), map: undefined, points: [[1, Number.NaN]] }));
    expect(wire.points[0][1]).toBeNull();
    expect(accepts(progressUpdateSchema, wire)).toBe(false);
  });

  it("refuses negative, fractional and non-increasing steps", () => {
    expect(accepts(progressUpdateSchema, { ...validProgress(), step: -1 })).toBe(false);
    expect(accepts(progressUpdateSchema, { ...validProgress(), points: [[1.5, 0.3]] })).toBe(false);
    expect(
      accepts(progressUpdateSchema, {
        ...validProgress(),
        points: [
          [5, 0.3],
          [5, 0.2],
        ],
      }),
    ).toBe(false);
    expect(
      accepts(progressUpdateSchema, {
        ...validProgress(),
        points: [
          [5, 0.3],
          [4, 0.2],
        ],
      }),
    ).toBe(false);
  });

  it("refuses more than MAX_LOSS_POINTS_PER_UPDATE points", () => {
    const points = (n: number) => Array.from({ length: n }, (_, i) => [i, 0.5]);
    expect(accepts(progressUpdateSchema, { ...validProgress(), points: points(MAX_LOSS_POINTS_PER_UPDATE) })).toBe(
      true,
    );
    expect(accepts(progressUpdateSchema, { ...validProgress(), points: points(MAX_LOSS_POINTS_PER_UPDATE + 1) })).toBe(
      false,
    );
  });

  it("refuses malformed points with the first bad point's path, and keeps good points as sent", () => {
    const issueOf = (points: unknown) => {
      const parsed = progressUpdateSchema.safeParse({ ...validProgress(), points });
      return parsed.success ? null : parsed.error.issues.map((issue) => issue.path.join("."));
    };
    expect(issueOf("1,0.5")).toEqual(["points"]);
    expect(
      issueOf([
        [0, 0.5],
        [1, 0.4, 9],
      ]),
    ).toEqual(["points.1"]);
    expect(issueOf([[0, 0.5], { 0: 1, 1: 0.4, length: 2 }])).toEqual(["points.1"]);
    expect(
      issueOf([
        [0, 0.5],
        ["1", 0.4],
      ]),
    ).toEqual(["points.1.0"]);
    expect(
      issueOf([
        [0, 0.5],
        [1e9, 0.4],
      ]),
    ).toEqual(["points.1.0"]);
    expect(
      issueOf([
        [0, 0.5],
        [1, Number.NaN],
      ]),
    ).toEqual(["points.1.1"]);
    const points = [
      [0, 0.69],
      [3, 0.5],
    ];
    const parsed = progressUpdateSchema.parse({ ...validProgress(), points });
    expect(parsed.points).toEqual(points);
  });

  it("accepts a map as Uint8Array, Buffer or ArrayBuffer and normalizes to a copied Uint8Array", () => {
    const buffer = Buffer.alloc(MAP_BYTES, 7);
    const parsed = progressUpdateSchema.parse({ ...validProgress(), map: buffer });
    expect(parsed.map).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(parsed.map)).toBe(false);
    buffer[0] = 99;
    expect(parsed.map?.[0]).toBe(7);
    const fromArrayBuffer = progressUpdateSchema.parse({ ...validProgress(), map: new ArrayBuffer(MAP_BYTES) });
    expect(fromArrayBuffer.map).toHaveLength(MAP_BYTES);
  });

  it("refuses oversized, undersized and non-binary maps", () => {
    expect(accepts(progressUpdateSchema, { ...validProgress(), map: new Uint8Array(MAP_BYTES + 1) })).toBe(false);
    expect(accepts(progressUpdateSchema, { ...validProgress(), map: new Uint8Array(MAP_BYTES - 1) })).toBe(false);
    expect(accepts(progressUpdateSchema, { ...validProgress(), map: Array.from(validMap()) })).toBe(false);
    expect(accepts(progressUpdateSchema, { ...validProgress(), map: "AAAA" })).toBe(false);
  });

  it("refuses wrong types and missing fields", () => {
    expect(accepts(progressUpdateSchema, null)).toBe(false);
    expect(accepts(progressUpdateSchema, "progress")).toBe(false);
    expect(accepts(progressUpdateSchema, { ...validProgress(), runId: 5 })).toBe(false);
    expect(accepts(progressUpdateSchema, { ...validProgress(), accuracy: 1.2 })).toBe(false);
    const { runId: _runId, ...noRun } = validProgress();
    expect(accepts(progressUpdateSchema, noRun)).toBe(false);
  });
});

describe("run:start", () => {
  it("accepts a partial choice and refuses out-of-range values", () => {
    expect(accepts(runStartSchema, { choice: {} })).toBe(true);
    expect(accepts(runStartSchema, { choice: { hidden: 32, optimizer: "adam" } })).toBe(true);
    expect(accepts(runStartSchema, { choice: { hidden: 33 } })).toBe(false);
    expect(accepts(runStartSchema, { choice: { lr: -1 } })).toBe(false);
    expect(accepts(runStartSchema, {})).toBe(false);
  });
});

describe("run:finish", () => {
  it("accepts a complete report", () => {
    expect(accepts(runFinishSchema, validFinish())).toBe(true);
  });

  it("refuses a curve longer than MAX_CURVE_POINTS", () => {
    const curve = Array.from({ length: MAX_CURVE_POINTS + 1 }, (_, i) => [i, 0.1]);
    expect(accepts(runFinishSchema, { ...validFinish(), curve })).toBe(false);
  });

  it("lets only a diverged run omit loss, accuracy, map and weights", () => {
    const bare = { ...validFinish(), loss: null, accuracy: null, map: null, weights: null };
    expect(accepts(runFinishSchema, bare)).toBe(false);
    expect(accepts(runFinishSchema, { ...bare, outcome: "diverged" })).toBe(true);
  });

  it("refuses non-finite weights and mismatched shapes", () => {
    const weights = weightsFor(4);
    expect(accepts(weightsSchema, weights)).toBe(true);
    // hidden 0 travels as one linear unit with an identity output (lib/ml/nn toChapterWeights).
    expect(accepts(weightsSchema, { w1: [[0.3, -0.2]], b1: [0.1], w2: [[1]], b2: [0], activation: "linear" })).toBe(
      true,
    );
    expect(accepts(weightsSchema, weightsFor(0))).toBe(false);
    expect(accepts(weightsSchema, { ...weights, b2: [Number.NaN] })).toBe(false);
    expect(accepts(weightsSchema, { ...weights, b1: [1, 2, 3] })).toBe(false);
    expect(accepts(weightsSchema, { ...weights, w1: [[1, 2, 3], ...weights.w1.slice(1)] })).toBe(false);
    expect(accepts(weightsSchema, weightsFor(33))).toBe(false);
  });
});

describe("cell:check and student:control", () => {
  it("validates cell numbers and message lengths", () => {
    expect(accepts(cellCheckSchema, { cell: 2, isPassed: true })).toBe(true);
    expect(accepts(cellCheckSchema, { cell: 4, isPassed: true })).toBe(false);
    expect(accepts(cellCheckSchema, { cell: 1, isPassed: false, error: "x".repeat(501) })).toBe(false);
  });

  it("is a discriminated union on type", () => {
    expect(accepts(studentControlSchema, { type: "removed" })).toBe(true);
    expect(accepts(studentControlSchema, { type: "pause" })).toBe(false);
    expect(accepts(studentControlSchema, { type: "explode" })).toBe(false);
  });
});
