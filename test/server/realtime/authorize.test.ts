import { describe, expect, it } from "vitest";
import { canTeacherAct, classifyEvent } from "../../../server/realtime/authorize";

describe("authorization rules", () => {
  it("only the owner may act on a class", () => {
    expect(canTeacherAct("t1", "t1")).toBe(true);
    expect(canTeacherAct("t2", "t1")).toBe(false);
    expect(canTeacherAct("", "")).toBe(false);
    expect(canTeacherAct(null, "t1")).toBe(false);
    expect(canTeacherAct(undefined, "t1")).toBe(false);
  });

  it("students send only student events, teachers only teacher events", () => {
    expect(classifyEvent("student", "progress:update")).toBe("handle");
    expect(classifyEvent("student", "class:control")).toBe("forbid");
    expect(classifyEvent("student", "teacher:resync")).toBe("forbid");
    expect(classifyEvent("teacher", "class:control")).toBe("handle");
    expect(classifyEvent("teacher", "run:finish")).toBe("forbid");
    expect(classifyEvent("teacher", "hello")).toBe("ignore");
    expect(classifyEvent("student", { toString: () => "run:start" })).toBe("ignore");
  });
});
