import { describe, expect, it } from "vitest";
import type { LossPoint } from "../../../lib/protocol";
import { adviseRun } from "../../../lib/training";
import { xorConfig } from "./helpers";

const flat: LossPoint[] = Array.from({ length: 100 }, (_, step) => [step, 0.69]);
const falling: LossPoint[] = Array.from({ length: 100 }, (_, step) => [step, 1 - step / 200]);

describe("adviseRun", () => {
  it("a diverged run: more careful step sizes, with a smaller learning rate", () => {
    const advice = adviseRun(xorConfig({ lr: 3 }), "diverged", flat);
    expect(advice.map((a) => a.remedy)).toEqual(["stepSize"]);
    expect(advice[0]?.text).toContain("try 1");
  });

  it("a single neuron on XOR: more capacity", () => {
    expect(adviseRun(xorConfig({ hidden: 0 }), "belowTarget", flat).map((a) => a.remedy)).toEqual(["capacity"]);
  });

  it("a loss still falling at the end: more time, with twice the steps", () => {
    const advice = adviseRun(xorConfig({ steps: 100 }), "belowTarget", falling);
    expect(advice.map((a) => a.remedy)).toEqual(["time"]);
    expect(advice[0]?.text).toContain("200 steps");
  });

  it("nothing specific: all three remedies", () => {
    expect(adviseRun(xorConfig(), "belowTarget", flat).map((a) => a.remedy)).toEqual(["capacity", "time", "stepSize"]);
  });
});
