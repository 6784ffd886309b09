import { describe, expect, it } from "vitest";
import { defaultSessionSettings, resolveRunConfig } from "@/lib/classroom/settings";
import { collapseLinear, initMlp, makeDataset, mlpLayout, unitHealth } from "@/lib/ml/nn";
import { adviseRun, createRunDriver, formatLinear, netTraits, netTraitsSchema } from "@/lib/training";

const xor = makeDataset("xor", { seed: 42 });

describe("netTraits", () => {
  it("a linear net (hidden 0, or the linear activation) gives the logit it collapses to; a ReLU net none", () => {
    for (const net of [initMlp({ hidden: 0, seed: 3 }), initMlp({ hidden: 8, activation: "linear", seed: 3 })]) {
      const traits = netTraits(net, xor);
      expect(traits.linearLogit).toEqual(collapseLinear(net));
      // The collapsed logit is the net's own: compare with a forward pass at a few points.
      const { a, b, c } = traits.linearLogit ?? { a: Number.NaN, b: 0, c: 0 };
      const { params, layout, hidden } = net;
      for (const [x, y] of [
        [0.3, -1.2],
        [-2, 2],
      ] as const) {
        let logit = params[layout.b2] ?? 0;
        if (hidden === 0) logit += (params[0] ?? 0) * x + (params[1] ?? 0) * y;
        for (let j = 0; j < hidden; j++) {
          const h = (params[2 * j] ?? 0) * x + (params[2 * j + 1] ?? 0) * y + (params[layout.b1 + j] ?? 0);
          logit += (params[layout.w2 + j] ?? 0) * h;
        }
        expect(a * x + b * y + c).toBeCloseTo(logit, 12);
      }
    }
    expect(netTraits(initMlp({ hidden: 8, seed: 3 }), xor).linearLogit).toBeNull();
  });

  it("counts dead units with unitHealth and validates as the Worker's message", () => {
    const net = initMlp({ hidden: 8, seed: 1 });
    const layout = mlpLayout(2, 8);
    // A large negative bias kills units 0 and 5 on every point of XOR (|x|, |y| < 2.5).
    net.params[layout.b1] = -100;
    net.params[layout.b1 + 5] = -100;
    const traits = netTraits(net, xor);
    expect(traits).toMatchObject({ dead: unitHealth(net, xor).dead, saturated: 0, hidden: 8 });
    expect(traits.dead).toBeGreaterThanOrEqual(2);
    expect(netTraitsSchema.parse(traits)).toEqual(traits);
  });

  it("has no line for a linear net whose weights blew up", () => {
    const net = initMlp({ hidden: 4, activation: "linear", seed: 1 });
    net.params[0] = Number.POSITIVE_INFINITY;
    net.params[2] = Number.NEGATIVE_INFINITY;
    expect(netTraits(net, xor).linearLogit).toBeNull();
  });
});

describe("formatLinear", () => {
  it("prints two significant digits with true minus signs, however small the coefficients", () => {
    expect(formatLinear({ a: 0.314, b: -1.23, c: 0.004_71 })).toBe("0.31·x \u2212 1.2·y + 0.0047");
    expect(formatLinear({ a: -2, b: 0, c: -0.5 })).toBe("\u22122·x + 0·y \u2212 0.5");
  });
});

describe("advice that reads the net", () => {
  const base = defaultSessionSettings();

  function trainedXor(activation: "linear" | "relu", hidden: number) {
    const settings = { ...base, defaults: { ...base.defaults, activation, hidden } };
    const driver = createRunDriver(resolveRunConfig(settings, {}));
    while (driver.status === "running") driver.advance();
    return { config: driver.config, curve: driver.points(), traits: netTraits(driver.net, driver.data) };
  }

  it("the linear activation on XOR: only the collapse, with the function the layers collapsed to", () => {
    const { config, curve, traits } = trainedXor("linear", 8);
    expect(traits.linearLogit).not.toBeNull();
    const advice = adviseRun(config, "belowTarget", curve, traits);
    expect(advice.map((item) => item.remedy)).toEqual(["nonLinearity"]);
    const text = advice[0]?.text ?? "";
    expect(text).toMatch(/8 hidden units collapse into one linear function, W2\(W1x \+ b1\) \+ b2 = /);
    expect(text).toContain("no line splits xor");
    expect(text).toContain("choose relu");
    expect(text).not.toMatch(/try hidden|steps\./);
    // The printed coefficients are the collapsed ones.
    expect(text).toContain(`= ${formatLinear(traits.linearLogit ?? { a: 0, b: 0, c: 0 })} —`);
    // Without traits it still names the collapse, only without the numbers.
    expect(adviseRun(config, "belowTarget", curve)[0]?.text).toMatch(
      /collapse into one linear function, W2\(W1x \+ b1\) \+ b2 — /,
    );
  });

  it("dead ReLU units below target: says how many and that they no longer learn", () => {
    const { config, curve } = trainedXor("relu", 2);
    const traits = { linearLogit: null, dead: 1, saturated: 0, hidden: 2 };
    const advice = adviseRun(config, "belowTarget", curve, traits);
    expect(advice[0]?.text).toMatch(/^More capacity in use: 1 of your 2 ReLU units is dead — zero on every point/);
    expect(adviseRun(config, "belowTarget", curve, { ...traits, dead: 0 }).some((a) => a.text.includes("dead"))).toBe(
      false,
    );
  });
});
