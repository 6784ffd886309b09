import { describe, expect, it } from "vitest";
import { defaultSessionSettings, resolveRunConfig } from "@/lib/classroom/settings";
import type { Weights } from "@/lib/protocol";
import { verifyRun } from "@/server/runs/verify-run";
import { trainedFinish } from "../../helpers/trained-run";

const config = resolveRunConfig(defaultSessionSettings(), { steps: 300 });

describe("verifyRun", () => {
  it("reproduces the student's loss and accuracy from the weights and the class's data seed", () => {
    const finish = trainedFinish("run", config);
    const verified = verifyRun(config, finish.weights as Weights);
    expect(verified?.loss).toBeCloseTo(finish.loss ?? Number.NaN, 12);
    expect(verified?.accuracy).toBe(finish.accuracy);
  });

  it("scores on the class's points: another data seed gives other figures", () => {
    const finish = trainedFinish("run", config);
    const elsewhere = verifyRun({ ...config, dataSeed: config.dataSeed + 1 }, finish.weights as Weights);
    expect(elsewhere?.loss).not.toBeCloseTo(finish.loss ?? Number.NaN, 6);
  });

  it("answers null for weights the core refuses, instead of throwing", () => {
    const weights = trainedFinish("run", config).weights as Weights;
    const broken = { ...weights, b1: weights.b1.map(() => Number.POSITIVE_INFINITY) };
    expect(verifyRun(config, broken)).toBeNull();
    expect(verifyRun(config, { ...weights, w2: [[1]] })).toBeNull();
  });
});
