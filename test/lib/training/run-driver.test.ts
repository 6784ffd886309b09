import { describe, expect, it } from "vitest";
import { accuracy, DATASET_EXTENT, decisionMap, evaluateLoss, initMlp, makeDataset, mlpStep } from "../../../lib/ml/nn";
import { MAP_BYTES, MAP_RESOLUTION, weightsSchema } from "../../../lib/protocol";
import { ACCURACY_EVERY_STEPS, createRunDriver } from "../../../lib/training";
import { createFakeTime, xorConfig } from "./helpers";

describe("createRunDriver", () => {
  it("runs the class defaults to the end: one point per step plus the final loss, target reached", () => {
    const config = xorConfig();
    const driver = createRunDriver(config);
    expect(driver.advance()).toBe(config.steps);
    expect(driver.status).toBe("completed");
    expect(driver.step).toBe(config.steps);
    expect(driver.pointCount).toBe(config.steps + 1);
    const points = driver.points();
    expect(points.map(([step]) => step)).toEqual(Array.from({ length: config.steps + 1 }, (_, i) => i));
    expect(driver.accuracy).toBeGreaterThanOrEqual(config.targetAccuracy);
    expect(driver.targetReachedStep).not.toBeNull();
    expect((driver.targetReachedStep ?? -1) % ACCURACY_EVERY_STEPS).toBe(0);
  });

  it("trains exactly like lib/ml/nn on the class's dataset (same points, same losses)", () => {
    const config = xorConfig({ hidden: 4, steps: 50 });
    const driver = createRunDriver(config);
    driver.advance();
    const data = makeDataset("xor", { n: 200, noise: config.noise, seed: config.dataSeed });
    expect(Array.from(driver.data.xs)).toEqual(Array.from(data.xs));
    const net = initMlp({ hidden: 4, activation: config.activation, seed: config.initSeed });
    for (let i = 0; i < 50; i++) expect(driver.pointAt(i)).toEqual([i, mlpStep(net, data, { lr: config.lr }).loss]);
    expect(driver.pointAt(50)).toEqual([50, evaluateLoss(net, data)]);
    expect(driver.accuracy).toBe(accuracy(net, data));
    expect(driver.map(MAP_RESOLUTION)).toEqual(
      decisionMap(net, { resolution: MAP_RESOLUTION, extent: DATASET_EXTENT }),
    );
  });

  it("advances in slices of at most maxSteps, and stops when the time budget runs out", () => {
    const driver = createRunDriver(xorConfig(), createFakeTime(1).now);
    expect(driver.advance({ maxSteps: 7 })).toBe(7);
    expect(driver.step).toBe(7);
    const ran = driver.advance({ timeBudgetMs: 5 });
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThan(100);
    expect(driver.status).toBe("running");
    expect(driver.accuracy).not.toBeNull();
  });

  it("reports divergence (loss above 10 × the first) and stops; the curve keeps only finite losses", () => {
    const driver = createRunDriver(xorConfig({ lr: 10 }));
    const ran = driver.advance();
    expect(driver.status).toBe("diverged");
    expect(ran).toBeLessThan(20);
    expect(driver.advance()).toBe(0);
    for (const [, loss] of driver.points()) expect(Number.isFinite(loss)).toBe(true);
  });

  it("leaves the target unreached when a single neuron meets XOR, and gives valid weights and a map", () => {
    const driver = createRunDriver(xorConfig({ hidden: 0, steps: 300 }));
    driver.advance();
    expect(driver.status).toBe("completed");
    expect(driver.targetReachedStep).toBeNull();
    expect(weightsSchema.safeParse(driver.weights()).success).toBe(true);
    expect(driver.map(MAP_RESOLUTION)?.length).toBe(MAP_BYTES);
  });
});
