/**
 * The class consensus on crafted maps: the average is the per-pixel mean, the disagreement is
 * 0 where the class is unanimous (even unanimously unsure) and 1 where it splits half and half.
 */
import { describe, expect, it } from "vitest";
import { CLASS_ONE_BYTE, computeConsensus, disagreementShare } from "@/lib/classroom/consensus";
import { MAP_BYTES, mapIndex } from "@/lib/protocol";

const filled = (byte: number) => new Uint8Array(MAP_BYTES).fill(byte);

/** Left half (columns 0–15) one byte, right half another. */
function halves(left: number, right: number): Uint8Array {
  const map = new Uint8Array(MAP_BYTES);
  for (let row = 0; row < 32; row++)
    for (let column = 0; column < 32; column++) map[mapIndex(column, row)] = column < 16 ? left : right;
  return map;
}

describe("computeConsensus", () => {
  it("is null without maps, and skips maps of the wrong size", () => {
    expect(computeConsensus([])).toBeNull();
    expect(computeConsensus([new Uint8Array(10)])).toBeNull();
    const one = computeConsensus([new Uint8Array(10), filled(200)]);
    expect(one?.count).toBe(1);
  });

  it("of one map is that map, with no disagreement", () => {
    const map = halves(10, 240);
    const consensus = computeConsensus([map]);
    expect(consensus?.count).toBe(1);
    expect([...(consensus?.mean ?? [])]).toEqual([...map]);
    expect(consensus?.disagreement.every((byte) => byte === 0)).toBe(true);
  });

  it("averages per pixel, rounded", () => {
    const consensus = computeConsensus([filled(0), filled(255), filled(100)]);
    // (0 + 255 + 100) / 3 = 118.33
    expect(consensus?.mean[0]).toBe(118);
    expect(consensus?.mean[MAP_BYTES - 1]).toBe(118);
  });

  it("marks an even split as full disagreement, and a unanimous class (even unsure) as none", () => {
    // Two say class 1 on the left, two say class 0 there; everyone agrees on class 0 on the right.
    const consensus = computeConsensus([halves(230, 20), halves(200, 30), halves(20, 10), halves(40, 0)]);
    expect(consensus?.disagreement[mapIndex(0, 0)]).toBe(255);
    expect(consensus?.disagreement[mapIndex(31, 31)]).toBe(0);
    // Everyone lukewarm but all just under p = 0.5: a unanimous vote for class 0, faint on average.
    const unsure = computeConsensus([filled(CLASS_ONE_BYTE - 1), filled(CLASS_ONE_BYTE - 3), filled(120)]);
    expect(unsure?.disagreement[0]).toBe(0);
    expect(unsure?.mean[0]).toBe(124);
  });

  it("scales the vote share's variance: 1 of 4 voting class 1 is 0.75, at the class-1 byte's edge", () => {
    const edge = [filled(CLASS_ONE_BYTE), filled(CLASS_ONE_BYTE - 1), filled(0), filled(0)];
    const consensus = computeConsensus(edge);
    // v = 1/4: 4 · 0.25 · 0.75 = 0.75 → 191.25
    expect(consensus?.disagreement[0]).toBe(191);
    expect(disagreementShare(consensus?.disagreement ?? new Uint8Array(0))).toBe(1);
    expect(disagreementShare(computeConsensus([filled(255), filled(255)])?.disagreement ?? new Uint8Array(0))).toBe(0);
  });

  it("splits 1 of 3 as 0.89 (strong) and 1 of 5 as 0.64 (not strong)", () => {
    const consensus = computeConsensus([filled(255), filled(0), filled(0)]);
    expect(consensus?.disagreement[0]).toBe(Math.round((8 / 9) * 255));
    // 1 of 5 (v = 0.2): 0.64 < 0.75, not strong.
    const weak = computeConsensus([filled(255), filled(0), filled(0), filled(0), filled(0)]);
    expect(weak?.disagreement[0]).toBe(Math.round(0.64 * 255));
    expect(disagreementShare(weak?.disagreement ?? new Uint8Array(0))).toBe(0);
  });
});
