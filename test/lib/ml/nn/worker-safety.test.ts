import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * lib/ml/nn must run unchanged in a Web Worker under a strict CSP: only relative imports inside
 * the folder, no DOM or Node globals, no global randomness, no code from strings.
 */
const SOURCE_DIR = path.resolve(import.meta.dirname, "../../../../lib/ml/nn");
const sources = readdirSync(SOURCE_DIR)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => ({ file: f, text: readFileSync(path.join(SOURCE_DIR, f), "utf8") }));

/** Source without comments and string contents, so prose mentioning "window" doesn't trip the scan. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/`(?:\\.|[^`\\])*`|"(?:\\.|[^"\\])*"/g, '""');
}

const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bMath\.random\b/, "Math.random (pass a seeded generator instead)"],
  [/\beval\s*\(/, "eval (blocked by CSP)"],
  [/\bnew\s+Function\b/, "new Function (blocked by CSP)"],
  [/\b(window|document|localStorage|navigator)\b/, "DOM globals"],
  [/\b(process|Buffer|require|__dirname|global)\b/, "Node globals"],
  [/\bsetTimeout|setInterval\b/, "timers (the Worker owns scheduling)"],
];

describe("lib/ml/nn is Worker-safe", () => {
  it("has sources to check", () => {
    expect(sources.map((s) => s.file)).toContain("index.ts");
  });

  it.each(sources.map((s) => [s.file, s.text] as const))("%s imports only siblings", (_file, text) => {
    const imports = [...text.matchAll(/^\s*(?:import|export)[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]);
    for (const specifier of imports) expect(specifier).toMatch(/^\.\/[\w-]+$/);
  });

  it.each(sources.map((s) => [s.file, s.text] as const))("%s uses no forbidden globals", (_file, text) => {
    const stripped = code(text);
    for (const [pattern, what] of FORBIDDEN) {
      expect(pattern.test(stripped), `${what}`).toBe(false);
    }
  });
});
