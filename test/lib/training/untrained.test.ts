import { describe, expect, it } from "vitest";
import { defaultSessionSettings, resolveRunConfig } from "@/lib/classroom/settings";
import { createRunDriver, describeUntrained, describeWeights, netTraits } from "@/lib/training";

describe("describeUntrained", () => {
  const config = resolveRunConfig(defaultSessionSettings(), { hidden: 32, initSeed: 5 });

  it("is the net the run starts from: the run driver's loss, accuracy, map and weights at step 0", () => {
    const untrained = describeUntrained(config, 64);
    const driver = createRunDriver(config);
    expect(untrained.loss).toBe(driver.evaluate().loss);
    expect(untrained.accuracy).toBe(driver.evaluate().accuracy);
    expect(untrained.map).toEqual(driver.map(64));
    expect(untrained.weights).toEqual(driver.weights());
    // A picture, not a blank: the untrained map already varies over the plane.
    expect(new Set(untrained.map).size).toBeGreaterThan(1);
    expect(untrained.traits.hidden).toBe(32);
  });

  it("follows the init seed (the form's choice), so a changed seed shows another starting net", () => {
    const other = describeUntrained({ ...config, initSeed: 6 }, 64);
    expect(other.map).not.toEqual(describeUntrained(config, 64).map);
  });
});

describe("describeWeights", () => {
  it("redraws a trained net from its chapter weights: the same map and traits as the run had", () => {
    const config = resolveRunConfig(defaultSessionSettings(), { hidden: 8, steps: 300 });
    const driver = createRunDriver(config);
    driver.advance();
    const weights = driver.weights();
    if (!weights) throw new Error("the run diverged");
    const redrawn = describeWeights(config, weights, 64);
    expect(redrawn?.map).toEqual(driver.map(64));
    expect(redrawn?.traits).toEqual(netTraits(driver.net, driver.data));
    expect(describeWeights(config, { ...weights, w1: [] }, 64)).toBeNull();
  });
});
