import { describe, expect, it } from "vitest";
import { defaultSessionSettings, resolveRunConfig } from "../../../lib/classroom/settings";
import { DATASET_EXTENT, decisionMap, initMlp, toChapterWeights } from "../../../lib/ml/nn";
import { MAP_RESOLUTION, mapBytesSchema, weightsSchema } from "../../../lib/protocol";

// The protocol's shapes are checked against what the MLP core really produces, not a copy of it.
describe("protocol ↔ lib/ml/nn", () => {
  it("accepts the core's chapter weights for hidden 0, 8 and 32 and every activation", () => {
    for (const hidden of [0, 1, 8, 32]) {
      for (const activation of ["relu", "tanh", "sigmoid", "linear"] as const) {
        const weights = toChapterWeights(initMlp({ hidden, activation, seed: 7 }));
        expect(weightsSchema.safeParse(weights).success).toBe(true);
      }
    }
  });

  it("accepts the core's 32 × 32 decision map", () => {
    const map = decisionMap(initMlp({ hidden: 8, seed: 1 }), { resolution: MAP_RESOLUTION, extent: DATASET_EXTENT });
    expect(mapBytesSchema.safeParse(map).success).toBe(true);
  });

  it("a resolved run config can initialise a net", () => {
    const config = resolveRunConfig(defaultSessionSettings(), { hidden: 32, activation: "tanh" });
    expect(() =>
      initMlp({ hidden: config.hidden, activation: config.activation, seed: config.initSeed }),
    ).not.toThrow();
  });
});
