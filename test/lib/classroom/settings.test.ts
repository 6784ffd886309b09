import { describe, expect, it } from "vitest";
import { DATASETS } from "../../../lib/classroom/names";
import {
  defaultSessionSettings,
  HYPER_PARAM_KEYS,
  lockedKeysChanged,
  resolveRunConfig,
  runConfigSchema,
  type SessionSettings,
  sessionSettingsSchema,
  studentChoiceSchema,
} from "../../../lib/classroom/settings";

function settingsWith(overrides: Partial<SessionSettings>): SessionSettings {
  return { ...defaultSessionSettings(), ...overrides };
}

describe("session settings", () => {
  it("defaults to xor, 95 %, hidden 8, everything unlocked, no forward-pass gate", () => {
    const settings = defaultSessionSettings();
    expect(settings.dataset).toBe("xor");
    expect(settings.targetAccuracy).toBe(0.95);
    expect(settings.defaults.hidden).toBe(8);
    expect(settings.unlocked).toEqual([...HYPER_PARAM_KEYS]);
    expect(settings.requireForwardPassCell).toBe(false);
    expect(DATASETS).toEqual(["xor", "checkerboard", "circles", "spiral", "gaussian"]);
  });

  it("fills missing fields of a stored row and dedupes locks", () => {
    const parsed = sessionSettingsSchema.parse({ dataset: "spiral", unlocked: ["lr", "hidden", "lr"] });
    expect(parsed.dataset).toBe("spiral");
    expect(parsed.unlocked).toEqual(["hidden", "lr"]);
    expect(parsed.defaults.steps).toBeGreaterThan(0);
  });

  it("has an init scale: default 1, a stored row or run config without it reads as 1, locked like the rest", () => {
    expect(defaultSessionSettings().defaults.initScale).toBe(1);
    const { initScale: _, ...oldDefaults } = defaultSessionSettings().defaults;
    expect(sessionSettingsSchema.parse({ defaults: oldDefaults }).defaults.initScale).toBe(1);
    const config = resolveRunConfig(defaultSessionSettings(), {});
    const { initScale: __, ...oldConfig } = config;
    expect(runConfigSchema.parse(oldConfig).initScale).toBe(1);
    for (const initScale of [0, 0.0009, 10.5, Number.NaN]) {
      expect(sessionSettingsSchema.safeParse({ defaults: { ...oldDefaults, initScale } }).success).toBe(false);
    }
    // Unlocked: the student's valid scale applies, an invalid one falls back; locked: the teacher's.
    const unlocked = settingsWith({ defaults: { ...defaultSessionSettings().defaults, initScale: 0.01 } });
    expect(resolveRunConfig(unlocked, { initScale: 0.5 }).initScale).toBe(0.5);
    expect(resolveRunConfig(unlocked, { initScale: 50 }).initScale).toBe(0.01);
    const locked = { ...unlocked, unlocked: unlocked.unlocked.filter((key) => key !== "initScale") };
    expect(resolveRunConfig(locked, { initScale: 0.5 }).initScale).toBe(0.01);
    expect(lockedKeysChanged(locked, { initScale: 0.5 })).toEqual(["initScale"]);
    // A student's choice never invents a default for a field it left out.
    expect(studentChoiceSchema.parse({ hidden: 4 })).toEqual({ hidden: 4 });
  });

  it("refuses out-of-range values", () => {
    expect(sessionSettingsSchema.safeParse({ targetAccuracy: 0.4 }).success).toBe(false);
    expect(sessionSettingsSchema.safeParse({ targetAccuracy: 1.01 }).success).toBe(false);
    expect(sessionSettingsSchema.safeParse({ dataset: "moons" }).success).toBe(false);
    expect(
      sessionSettingsSchema.safeParse({ defaults: { ...defaultSessionSettings().defaults, hidden: 33 } }).success,
    ).toBe(false);
    expect(sessionSettingsSchema.safeParse({ unlocked: ["dataset"] }).success).toBe(false);
    expect(sessionSettingsSchema.safeParse({ noise: Number.NaN }).success).toBe(false);
  });
});

describe("resolveRunConfig", () => {
  it("takes the class's dataset and target whatever the student sends", () => {
    const settings = settingsWith({ dataset: "circles", noise: 0.2, dataSeed: 7, targetAccuracy: 0.9 });
    const config = resolveRunConfig(settings, { dataset: "xor", targetAccuracy: 0.5, dataSeed: 1 });
    expect(config).toMatchObject({ dataset: "circles", noise: 0.2, dataSeed: 7, targetAccuracy: 0.9 });
  });

  it("applies unlocked fields and ignores locked ones", () => {
    const settings = settingsWith({ unlocked: ["hidden"] });
    const config = resolveRunConfig(settings, { hidden: 16, lr: 0.5, optimizer: "adam" });
    expect(config.hidden).toBe(16);
    expect(config.lr).toBe(settings.defaults.lr);
    expect(config.optimizer).toBe(settings.defaults.optimizer);
    expect(lockedKeysChanged(settings, { hidden: 16, lr: 0.5 })).toEqual(["lr"]);
  });

  it("falls back to the default for invalid unlocked values", () => {
    const settings = defaultSessionSettings();
    const config = resolveRunConfig(settings, {
      hidden: 33,
      lr: Number.NaN,
      steps: 1.5,
      activation: "gelu",
      initSeed: 3,
    });
    expect(config.hidden).toBe(settings.defaults.hidden);
    expect(config.lr).toBe(settings.defaults.lr);
    expect(config.steps).toBe(settings.defaults.steps);
    expect(config.activation).toBe(settings.defaults.activation);
    expect(config.initSeed).toBe(3);
  });

  it("accepts hidden 0 (the single line) and handles garbage choices", () => {
    const settings = defaultSessionSettings();
    expect(resolveRunConfig(settings, { hidden: 0 }).hidden).toBe(0);
    expect(resolveRunConfig(settings, null).hidden).toBe(8);
    expect(resolveRunConfig(settings, "hidden=32").hidden).toBe(8);
  });

  it("everything locked: the defaults exactly", () => {
    const settings = settingsWith({ unlocked: [] });
    const config = resolveRunConfig(settings, {
      hidden: 2,
      lr: 1,
      steps: 5,
      activation: "tanh",
      optimizer: "adam",
      initSeed: 9,
    });
    expect(config).toMatchObject(settings.defaults);
  });
});
