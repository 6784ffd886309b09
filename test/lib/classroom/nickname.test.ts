import { describe, expect, it } from "vitest";
import {
  anonymousName,
  isNicknameTaken,
  NICKNAME_MAX_LENGTH,
  nicknameSchema,
  suggestNickname,
} from "../../../lib/classroom/nickname";

describe("nicknameSchema", () => {
  it("trims and collapses whitespace", () => {
    expect(nicknameSchema.parse("  Ada   Lovelace ")).toBe("Ada Lovelace");
  });

  it("accepts 1 to 24 characters, counting an emoji as one", () => {
    expect(nicknameSchema.parse("A")).toBe("A");
    expect(nicknameSchema.parse("x".repeat(NICKNAME_MAX_LENGTH))).toHaveLength(24);
    expect(nicknameSchema.parse(`${"🦊".repeat(24)}`)).toBe("🦊".repeat(24));
  });

  it("refuses empty, blank, too long and non-strings", () => {
    expect(nicknameSchema.safeParse("").success).toBe(false);
    expect(nicknameSchema.safeParse("    ").success).toBe(false);
    expect(nicknameSchema.safeParse("x".repeat(25)).success).toBe(false);
    expect(nicknameSchema.safeParse(null).success).toBe(false);
    expect(nicknameSchema.safeParse(42).success).toBe(false);
  });

  it("refuses control and text-direction characters", () => {
    expect(nicknameSchema.safeParse("Ada\u0000").success).toBe(false);
    expect(nicknameSchema.safeParse("Ada\u0007x").success).toBe(false);
    expect(nicknameSchema.safeParse("\u202Eada").success).toBe(false);
    expect(nicknameSchema.safeParse("ada\u2066x").success).toBe(false);
  });
});

describe("suggestNickname", () => {
  it("returns the wanted name when free", () => {
    expect(suggestNickname(new Set(["Bob"]), "Ada")).toBe("Ada");
  });

  it("adds the first free number, comparing case-insensitively", () => {
    expect(isNicknameTaken(["Ada"], "ada ")).toBe(true);
    expect(suggestNickname(new Set(["Ada"]), "ada")).toBe("ada 2");
    expect(suggestNickname(new Set(["Ada", "ADA 2", "Ada 3"]), "Ada")).toBe("Ada 4");
  });

  it("shortens a long base so the suggestion still fits", () => {
    const long = "x".repeat(24);
    const suggestion = suggestNickname(new Set([long]), long);
    expect(suggestion).toBe(`${"x".repeat(22)} 2`);
    expect(nicknameSchema.safeParse(suggestion).success).toBe(true);
  });
});

describe("anonymousName", () => {
  it("is Student N", () => {
    expect(anonymousName(7)).toBe("Student 7");
  });
});
