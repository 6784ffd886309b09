import { describe, expect, it } from "vitest";
import { compareRunFigures, initialRunLoss, RUN_VERDICT, type VerificationInput } from "@/lib/classroom/verification";
import { DEFAULT_N, evaluateLoss, initMlp, makeDataset } from "@/lib/ml/nn";

const TARGET = 0.95;

function judge(input: Partial<VerificationInput>) {
  return compareRunFigures({
    reported: { loss: 0.05, accuracy: 1 },
    verified: { loss: 0.05, accuracy: 1 },
    initialLoss: 0.69,
    targetAccuracy: TARGET,
    ...input,
  });
}

describe("compareRunFigures", () => {
  it("flags a client that reported 100 % for weights the server scores at loss 0.692, and does not count it reached", () => {
    const verdict = judge({ reported: { loss: 0.01, accuracy: 1 }, verified: { loss: 0.692, accuracy: 0.5 } });
    expect(verdict).toMatchObject({ verdict: RUN_VERDICT.mismatch, isReachedTarget: false, isDiverged: false });
    expect(verdict.reason).toContain("loss");
    expect(verdict.reason).toContain("accuracy");
  });

  it("agrees on an honestly diverged run: reported 19.8 against verified 8.58, both above 10 × the initial loss", () => {
    const verdict = judge({ reported: { loss: 19.8, accuracy: 0.5 }, verified: { loss: 8.58, accuracy: 0.5 } });
    expect(verdict).toEqual({ verdict: RUN_VERDICT.agree, isDiverged: true, isReachedTarget: false, reason: null });
  });

  it("agrees when both sides are non-finite, and when a diverged run sent no weights", () => {
    expect(judge({ reported: { loss: null, accuracy: null }, verified: { loss: null, accuracy: null } })).toMatchObject(
      {
        verdict: RUN_VERDICT.agree,
        isDiverged: true,
      },
    );
    expect(
      judge({
        reported: { loss: Number.POSITIVE_INFINITY, accuracy: 0.5 },
        verified: { loss: Number.NaN, accuracy: null },
      }),
    ).toMatchObject({ verdict: RUN_VERDICT.agree, isDiverged: true });
  });

  it("flags one side diverged and the other not", () => {
    expect(judge({ reported: { loss: 0.1, accuracy: 0.9 }, verified: { loss: 12, accuracy: 0.5 } })).toMatchObject({
      verdict: RUN_VERDICT.mismatch,
      isDiverged: true,
      isReachedTarget: false,
    });
    expect(judge({ reported: { loss: 30, accuracy: 0.5 }, verified: { loss: 0.04, accuracy: 0.99 } })).toMatchObject({
      verdict: RUN_VERDICT.mismatch,
      isDiverged: false,
      isReachedTarget: true,
    });
  });

  it("agrees within the tolerance and judges reached by the verified accuracy only", () => {
    expect(judge({ reported: { loss: 0.3, accuracy: 0.96 }, verified: { loss: 0.3 + 1e-12, accuracy: 0.96 } })).toEqual(
      {
        verdict: RUN_VERDICT.agree,
        isDiverged: false,
        isReachedTarget: true,
        reason: null,
      },
    );
    expect(
      judge({ reported: { loss: 0.3, accuracy: 0.9 }, verified: { loss: 0.3, accuracy: 0.9 } }).isReachedTarget,
    ).toBe(false);
    expect(
      judge({ reported: { loss: 0.3, accuracy: 0.9 }, verified: { loss: 0.3 + 1e-4, accuracy: 0.9 } }).verdict,
    ).toBe(RUN_VERDICT.mismatch);
    // Exactly at the target counts.
    expect(
      judge({ reported: { loss: 0.2, accuracy: TARGET }, verified: { loss: 0.2, accuracy: TARGET } }).isReachedTarget,
    ).toBe(true);
  });

  it("leaves a run without final weights unverified and never reached, whatever it reported", () => {
    expect(judge({ reported: { loss: 0.01, accuracy: 1 }, verified: null })).toEqual({
      verdict: RUN_VERDICT.unverified,
      isDiverged: false,
      isReachedTarget: false,
      reason: null,
    });
  });

  it("uses the run's own initial loss for the threshold, ln 2 when unknown", () => {
    // 8 is above 10 × ln 2 but below 10 × 1.2.
    expect(
      judge({ reported: { loss: 8, accuracy: 0.5 }, verified: { loss: 8, accuracy: 0.5 }, initialLoss: 1.2 })
        .isDiverged,
    ).toBe(false);
    expect(
      judge({ reported: { loss: 8, accuracy: 0.5 }, verified: { loss: 8, accuracy: 0.5 }, initialLoss: null })
        .isDiverged,
    ).toBe(true);
  });
});

describe("initialRunLoss", () => {
  it("rebuilds the loss before the first step from the stored config, as the core computes it", () => {
    const config = {
      dataset: "xor",
      noise: 0.2,
      dataSeed: 7,
      targetAccuracy: 0.95,
      hidden: 8,
      lr: 0.3,
      steps: 2000,
      activation: "relu",
      optimizer: "sgd",
      initSeed: 3,
    };
    const data = makeDataset("xor", { n: DEFAULT_N, noise: 0.2, seed: 7 });
    expect(initialRunLoss(config)).toBe(evaluateLoss(initMlp({ hidden: 8, activation: "relu", seed: 3 }), data));
    expect(initialRunLoss({ dataset: "nope" })).toBeNull();
  });
});
