/**
 * The boundary's string rule: NUL and lone surrogates are refused with a clear message, every
 * other string passes; and no source file builds a string schema any other way.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isStorableText, LONE_SURROGATE_MESSAGE, NUL_CHARACTER_MESSAGE, storableString } from "@/lib/storable-string";

describe("storableString", () => {
  it("refuses NUL anywhere, with a message that names it", () => {
    for (const text of ["\u0000", "a\u0000", "\u0000b", "print(1)\u0000\n"]) {
      const parsed = storableString().safeParse(text);
      expect(parsed.success, JSON.stringify(text)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(NUL_CHARACTER_MESSAGE);
    }
  });

  it("refuses a lone high or low surrogate, and keeps whole pairs (emoji)", () => {
    for (const text of ["\uD800", "a\uDBFFb", "\uDC00", "x\uDFFF", "\uDE00\uD83D"]) {
      const parsed = storableString().safeParse(text);
      expect(parsed.success, JSON.stringify(text)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(LONE_SURROGATE_MESSAGE);
    }
    for (const text of ["", "Ada", "😀", "a😀b", "\uD83D\uDE00", "naïve ∑ 日本", "tab\tnew\nline"]) {
      expect(storableString().safeParse(text).success, JSON.stringify(text)).toBe(true);
      expect(isStorableText(text)).toBe(true);
    }
  });

  it("chains like z.string(): limits still apply after the refinements", () => {
    const schema = storableString().trim().max(3);
    expect(schema.parse("  ab ")).toBe("ab");
    expect(schema.safeParse("abcd").success).toBe(false);
  });
});

const SOURCE_ROOTS = ["lib", "server", "app"];
const HELPER = path.join("lib", "storable-string.ts");
/** `z.string(` or a `z` on one line and `.string(` opening the next, as Biome formats long chains. */
const RAW_STRING_SCHEMA = /\bz\s*\.\s*string\s*\(/;

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return Promise.resolve(/\.(ts|tsx)$/.test(entry.name) ? [full] : []);
    }),
  );
  return nested.flat();
}

describe("one string rule for every boundary", () => {
  it("no file outside lib/storable-string.ts builds a string schema with z.string()", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = (await Promise.all(SOURCE_ROOTS.map((dir) => sourceFiles(path.join(root, dir))))).flat();
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const file of files) {
      const relative = path.relative(root, file);
      if (relative === HELPER) continue;
      if (RAW_STRING_SCHEMA.test(await readFile(file, "utf8"))) offenders.push(relative);
    }
    expect(offenders).toEqual([]);
  });
});
