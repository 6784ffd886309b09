import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// The server under test gets its own database (see run.ts) and generous limits, so the suite's
// many sign-ups, sign-ins and joins from one address are not slowed; the limits are tested in vitest.
const serverEnv: Record<string, string> = {
  PORT: String(PORT),
  HOST: "127.0.0.1",
  PUBLIC_URL: BASE_URL,
  SIGNIN_DELAY_CAP_MS: "0",
  SIGNIN_EMAIL_DELAY_CAP_MS: "0",
  SIGNUPS_PER_IP_PER_HOUR: "100000",
  JOIN_DELAY_CAP_MS: "0",
  JOIN_RATE_PER_IP_PER_MINUTE: "100000",
};
if (process.env.E2E_DATABASE_URL) serverEnv.DATABASE_URL = process.env.E2E_DATABASE_URL;
if (process.env.E2E_DATA_DIR) serverEnv.DATA_DIR = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: "../../test-results",
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  reporter: process.env.CI ? "list" : [["list"]],
  timeout: 60_000,
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "npx tsx server/index.ts",
    cwd: "../..",
    url: `${BASE_URL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: serverEnv,
    stdout: "pipe",
    stderr: "pipe",
  },
});
