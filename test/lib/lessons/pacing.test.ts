import { describe, expect, it } from "vitest";
import {
  applyPacing,
  isStepAllowed,
  type Pacing,
  pacingCommandSchema,
  placeStudent,
  START_PACING,
} from "@/lib/lessons";

const STEPS = 9;
const apply = (pacing: Pacing, command: unknown) => applyPacing(pacing, pacingCommandSchema.parse(command), STEPS);

describe("pacing", () => {
  it("starts everyone on step 1 and nowhere else", () => {
    expect(START_PACING).toEqual({ currentStep: 0, allowedFrom: 0, allowedTo: 0 });
    expect(isStepAllowed(START_PACING, 0)).toBe(true);
    expect(isStepAllowed(START_PACING, 1)).toBe(false);
  });

  it("sends everyone to one step: only that step is allowed", () => {
    const result = apply(START_PACING, { type: "sendEveryone", step: 3 });
    expect(result).toEqual({ ok: true, pacing: { currentStep: 3, allowedFrom: 3, allowedTo: 3 } });
  });

  it("lets students move within a range, keeping the current step if it is inside, else its nearest end", () => {
    const atFour = { currentStep: 4, allowedFrom: 4, allowedTo: 4 };
    expect(apply(atFour, { type: "allowRange", from: 2, to: 6 })).toEqual({
      ok: true,
      pacing: { currentStep: 4, allowedFrom: 2, allowedTo: 6 },
    });
    expect(apply(atFour, { type: "allowRange", from: 6, to: 8 })).toMatchObject({ pacing: { currentStep: 6 } });
    expect(apply(atFour, { type: "allowRange", from: 0, to: 1 })).toMatchObject({ pacing: { currentStep: 1 } });
  });

  it("refuses steps the lesson lacks and a range the wrong way round", () => {
    expect(apply(START_PACING, { type: "sendEveryone", step: STEPS })).toMatchObject({ ok: false });
    expect(apply(START_PACING, { type: "allowRange", from: 2, to: STEPS })).toMatchObject({ ok: false });
    expect(apply(START_PACING, { type: "allowRange", from: 5, to: 2 })).toEqual({
      ok: false,
      message: "The range must start before it ends",
    });
    for (const bad of [{ type: "sendEveryone", step: -1 }, { type: "sendEveryone", step: 1.5 }, { type: "jump" }])
      expect(pacingCommandSchema.safeParse(bad).success).toBe(false);
  });

  it("keeps a student where they are while allowed, else puts them on the current step", () => {
    const range = { currentStep: 3, allowedFrom: 2, allowedTo: 5 };
    expect(placeStudent(range, 4)).toBe(4);
    expect(placeStudent(range, 7)).toBe(3);
    expect(placeStudent(range, null)).toBe(3);
    expect(isStepAllowed(range, 2.5)).toBe(false);
  });
});
