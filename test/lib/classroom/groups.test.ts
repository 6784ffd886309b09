import { describe, expect, it } from "vitest";
import {
  applyGroup,
  assignGroups,
  defaultSessionSettings,
  groupExperimentRequestSchema,
  groupLabel,
  smallestGroup,
} from "@/lib/classroom";

describe("assignGroups", () => {
  it("splits in join order, round robin: balanced and the same every time", () => {
    const ids = ["a", "b", "c", "d", "e", "f", "g"];
    const first = assignGroups(ids, 3);
    expect([...first.values()]).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(assignGroups(ids, 3)).toEqual(first);
    const sizes = [0, 0, 0];
    for (const group of first.values()) sizes[group] = (sizes[group] ?? 0) + 1;
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it("keeps the teacher's picks and spreads the rest over the smallest groups", () => {
    const picks = new Map([
      ["a", 0],
      ["b", 0],
      ["c", 0],
    ]);
    const assigned = assignGroups(["a", "b", "c", "d", "e", "f"], 2, picks);
    expect(Object.fromEntries(assigned)).toEqual({ a: 0, b: 0, c: 0, d: 1, e: 1, f: 1 });
  });

  it("ignores a pick beyond the groups", () => {
    expect(assignGroups(["a", "b"], 2, new Map([["a", 3]])).get("a")).toBe(0);
  });

  it("gives a late joiner the smallest group, the lowest on a tie", () => {
    expect(smallestGroup([2, 1, 1])).toBe(1);
    expect(smallestGroup([1, 1, 1])).toBe(0);
  });
});

describe("applyGroup", () => {
  it("sets the varied setting to the group's value and locks it; the rest stays the class's", () => {
    const settings = defaultSessionSettings();
    const group = applyGroup(settings, { key: "lr", values: [0.01, 0.1, 1] }, 2);
    expect(group.defaults.lr).toBe(1);
    expect(group.unlocked).not.toContain("lr");
    expect(group.unlocked).toContain("hidden");
    expect(group.defaults.hidden).toBe(settings.defaults.hidden);
    expect(group.dataset).toBe(settings.dataset);
  });
});

describe("groupExperimentRequestSchema", () => {
  it("accepts 2–4 distinct values in the setting's own range", () => {
    expect(groupExperimentRequestSchema.safeParse({ key: "lr", values: [0.01, 0.1, 1] }).success).toBe(true);
    expect(groupExperimentRequestSchema.safeParse({ key: "activation", values: ["relu", "linear"] }).success).toBe(
      true,
    );
  });

  it.each([
    ["one group", { key: "lr", values: [0.1] }],
    ["five groups", { key: "hidden", values: [1, 2, 3, 4, 5] }],
    ["the same value twice", { key: "lr", values: [0.1, 0.1] }],
    ["a value out of range", { key: "lr", values: [0.1, 99] }],
    ["a fraction of a hidden unit", { key: "hidden", values: [1, 2.5] }],
    ["an unknown activation", { key: "activation", values: ["relu", "swish"] }],
    ["a setting that cannot be varied", { key: "initSeed", values: [1, 2] }],
    ["a pick beyond four groups", { key: "lr", values: [0.1, 1], picks: [{ participantId: "p", group: 4 }] }],
  ])("refuses %s", (_, request) => {
    expect(groupExperimentRequestSchema.safeParse(request).success).toBe(false);
  });

  it("names a group in words", () => {
    expect(groupLabel("lr", 0, 0.01)).toBe("Group A: lr 0.01");
    expect(groupLabel("activation", 1, "linear")).toBe("Group B: linear");
  });
});
