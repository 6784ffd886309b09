/**
 * `npm run check:boundaries` (a step of `npm test`): fails, naming each import chain, when runtime
 * code reaches tools/ or test/, or when package.json's `dependencies` differs from what the
 * runtime tree imports (plus the build tools checks.ts names).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { checkRuntimeDependencies } from "./checks";

const root = path.resolve(import.meta.dirname, "../..");
const packageJsonSchema = z.object({
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
});
const packageJson = packageJsonSchema.parse(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")));
const problems = checkRuntimeDependencies(root, packageJson);
if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exit(1);
}
console.log("Boundaries hold: runtime code stays out of tools/ and test/; dependencies match its imports.");
