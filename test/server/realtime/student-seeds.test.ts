import { describe, expect, it } from "vitest";
import { defaultSessionSettings, HYPER_PARAM_KEYS, SEED_MAX } from "../../../lib/classroom/settings";
import { studentInitSeed } from "../../../lib/classroom/student-seed";
import { createTestRoom } from "./fixtures";

/** Joins `count` students and returns the init seed each one's form starts from. */
function formSeeds(room: ReturnType<typeof createTestRoom>["room"], count: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    const joined = room.join({ id: `p${i}`, nickname: `Student ${i}` });
    if (!joined.ok) throw new Error(joined.error.code);
    return joined.state.settings.defaults.initSeed;
  });
}

describe("init seeds: a different one per student unless the teacher fixes one", () => {
  it("gives each of 30 students their own seed by default, and their run trains with it", () => {
    const { room } = createTestRoom();
    const seeds = formSeeds(room, 30);
    // Before: all 30 started at the class seed 42, so every tile drew the same picture.
    expect(new Set(seeds).size).toBe(30);
    for (const seed of seeds) expect(seed).toBeGreaterThanOrEqual(0);
    for (const seed of seeds) expect(seed).toBeLessThanOrEqual(SEED_MAX);
    // The form's seed is the student's choice when they press Train; the server's config keeps it.
    const started = room.startRun("p0", { choice: { initSeed: seeds[0] } });
    expect(started.ok && started.config.initSeed).toBe(seeds[0]);
  });

  it("keeps a student's seed on reconnect and changes everyone's with a new class seed", () => {
    const { room } = createTestRoom();
    const [first] = formSeeds(room, 1);
    room.disconnect("p0");
    const again = room.join({ id: "p0", nickname: "Student 0" });
    expect(again.ok && again.state.settings.defaults.initSeed).toBe(first);
    const settings = defaultSessionSettings();
    room.control({
      type: "changeSettings",
      settings: { ...settings, defaults: { ...settings.defaults, initSeed: 7 } },
    });
    const after = room.join({ id: "p0", nickname: "Student 0" });
    expect(after.ok && after.state.settings.defaults.initSeed).toBe(studentInitSeed(7, "p0"));
    expect(studentInitSeed(7, "p0")).not.toBe(first);
  });

  it("gives everyone the teacher's seed when it is locked, and a bot that asks for nothing the class's", () => {
    const settings = defaultSessionSettings();
    const locked = {
      ...settings,
      defaults: { ...settings.defaults, initSeed: 7 },
      unlocked: HYPER_PARAM_KEYS.filter((key) => key !== "initSeed"),
    };
    const { room } = createTestRoom({ settings: locked });
    expect(formSeeds(room, 5)).toEqual([7, 7, 7, 7, 7]);
    const open = createTestRoom().room;
    formSeeds(open, 1);
    const bot = open.startRun("p0", { choice: {} });
    expect(bot.ok && bot.config.initSeed).toBe(settings.defaults.initSeed);
  });
});
