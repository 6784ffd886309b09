import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  generateJoinCode,
  isJoinCode,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  joinCodeSchema,
  normalizeJoinCode,
} from "../../../lib/classroom/join-code";

const cryptoBytes = (count: number) => new Uint8Array(randomBytes(count));

describe("join code alphabet", () => {
  it("has no look-alikes and no duplicates", () => {
    for (const char of "0O1IL") expect(JOIN_CODE_ALPHABET).not.toContain(char);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
    expect(JOIN_CODE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });
});

describe("generateJoinCode", () => {
  it("makes 6 characters from the alphabet", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateJoinCode(cryptoBytes);
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      expect(isJoinCode(code)).toBe(true);
    }
  });

  it("rejects biased bytes (≥ 248) instead of wrapping them", () => {
    // 248..255 would map to the first 8 symbols under a plain modulo.
    const stream = [255, 250, 248, 0, 1, 2, 3, 4, 5, 30];
    let at = 0;
    const bytes = (count: number) => Uint8Array.from({ length: count }, () => stream[at++ % stream.length] ?? 0);
    expect(generateJoinCode(bytes)).toBe("234567");
  });

  it("maps byte 30 to the last symbol and keeps drawing until it has 6", () => {
    let calls = 0;
    const onlyBad = (count: number) => {
      calls++;
      return new Uint8Array(count).fill(calls < 3 ? 255 : 30);
    };
    expect(generateJoinCode(onlyBad)).toBe("ZZZZZZ");
    expect(calls).toBe(3);
  });

  it("is roughly uniform over the alphabet", () => {
    const counts = new Map<string, number>();
    const draws = 3000;
    for (let i = 0; i < draws; i++) {
      for (const char of generateJoinCode(cryptoBytes)) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    const expected = (draws * JOIN_CODE_LENGTH) / JOIN_CODE_ALPHABET.length;
    expect(counts.size).toBe(JOIN_CODE_ALPHABET.length);
    for (const count of counts.values()) {
      // ±25 % is > 8 standard deviations at ~580 expected per symbol.
      expect(count).toBeGreaterThan(expected * 0.75);
      expect(count).toBeLessThan(expected * 1.25);
    }
  });
});

describe("normalizeJoinCode and joinCodeSchema", () => {
  it("upper-cases and strips spaces and dashes", () => {
    expect(normalizeJoinCode(" k7q-x2m ")).toBe("K7QX2M");
    expect(joinCodeSchema.parse("k7q x2m")).toBe("K7QX2M");
  });

  it("refuses wrong length and look-alikes", () => {
    expect(joinCodeSchema.safeParse("K7QX2").success).toBe(false);
    expect(joinCodeSchema.safeParse("K7QX2MM").success).toBe(false);
    expect(joinCodeSchema.safeParse("K7QX2O").success).toBe(false);
    expect(joinCodeSchema.safeParse("K7QX21").success).toBe(false);
    expect(joinCodeSchema.safeParse(123456).success).toBe(false);
  });

  it("says what is wrong in words, never listing the raw alphabet", () => {
    const message = (input: string) => joinCodeSchema.safeParse(input).error?.issues[0]?.message ?? "";
    expect(message("K7QX2")).toBe("A join code has 6 characters; this one has 5.");
    expect(message("K7QX2O")).toBe("Join codes never use 0, 1, I, L or O: check the code on the projector.");
    expect(message("K7QX2!")).toBe("A join code has only letters and digits.");
    expect(message("")).toBe("Type the join code shown on the projector.");
    for (const input of ["K7QX2", "K7QX2O", "K7QX2!", "", "x".repeat(40)]) {
      expect(message(input)).not.toContain(JOIN_CODE_ALPHABET);
      expect(message(input)).not.toContain("23456789");
    }
  });
});
