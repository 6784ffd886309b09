import { describe, expect, it } from "vitest";
import { initMlp, NnInputError, parameterCount, parameterSum } from "@/lib/ml/nn";

describe("parameterCount: the chapter's 33", () => {
  it("hidden 8 → 8×2 + 8 + 8 + 1 = 33, hidden 0 → 3, and matches the net's own parameters", () => {
    expect(parameterCount(8)).toBe(33);
    expect(parameterSum(8)).toBe("8×2 + 8 + 8 + 1 = 33");
    expect(parameterCount(0)).toBe(3);
    expect(parameterSum(0)).toBe("2 + 1 = 3");
    for (const hidden of [0, 1, 2, 8, 32, 256]) {
      expect(parameterCount(hidden)).toBe(initMlp({ hidden, seed: 1 }).params.length);
      expect(parameterCount(hidden)).toBe(hidden === 0 ? 3 : 4 * hidden + 1);
    }
    expect(() => parameterCount(-1)).toThrow(NnInputError);
    expect(() => parameterCount(1.5)).toThrow(NnInputError);
  });
});
