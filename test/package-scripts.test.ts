/**
 * Every npm script that runs a file of this repository names a file that exists: a renamed
 * runner must not leave `npm run test:e2e` (or any other script) pointing at nothing.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;
/** Arguments that look like a path to one of our own source files. */
const FILE_ARGUMENT = /(?:^|\s)((?:\.\/)?(?:test|server|prisma|scripts|tools)\/[\w./-]+\.(?:ts|mjs|js|sh))(?=\s|$)/g;

describe("package.json scripts", () => {
  it("point at files that exist", () => {
    const missing: string[] = [];
    for (const [name, command] of Object.entries(scripts)) {
      for (const match of command.matchAll(FILE_ARGUMENT)) {
        const file = match[1] ?? "";
        if (!existsSync(path.join(ROOT, file))) missing.push(`${name}: ${file}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("run the end-to-end suite with its runner", () => {
    expect(scripts["test:e2e"]).toBe("tsx test/e2e/run.ts");
  });
});
