/**
 * Runs the Playwright suite against a fresh database: a new database on DATABASE_URL's server when
 * it is set, otherwise the server's own embedded PGlite in a temporary folder (the newcomer's path).
 * Extra arguments go to Playwright, e.g. `npx tsx test/e2e/run.ts --grep @smoke`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "../helpers/db";
import { findChromium } from "./find-chromium";

const chromium = await findChromium();
if (!chromium) {
  console.error(
    "No Chromium found for the end-to-end tests: install one with `sudo apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH.",
  );
  process.exit(1);
}

const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: chromium };
let cleanup = async () => {};
if (process.env.DATABASE_URL) {
  const database = await createTestDatabase();
  env.E2E_DATABASE_URL = database.url;
  cleanup = database.drop;
  console.log("e2e: fresh PostgreSQL database");
} else {
  const dataDir = mkdtempSync(path.join(tmpdir(), "mlp-e2e-"));
  env.E2E_DATA_DIR = dataDir;
  cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  console.log(`e2e: no DATABASE_URL, so the server starts its embedded PGlite in ${dataDir}`);
}

const result = spawnSync(
  "npx",
  ["playwright", "test", "-c", "test/e2e/playwright.config.ts", ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env,
  },
);
await cleanup();
process.exit(result.status ?? 1);
