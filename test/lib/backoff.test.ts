import { describe, expect, it } from "vitest";
import { doublingDelayMs } from "@/lib/backoff";

describe("doublingDelayMs", () => {
  it("doubles from the base, stops at the cap, and never goes below the base", () => {
    expect([0, 1, 2, 3, 4].map((n) => doublingDelayMs(n, 600, 8000))).toEqual([600, 1200, 2400, 4800, 8000]);
    expect(doublingDelayMs(-3, 250, 3000)).toBe(250);
    expect(doublingDelayMs(10_000, 250, 3000)).toBe(3000);
  });
});
