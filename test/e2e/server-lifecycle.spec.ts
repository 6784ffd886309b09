import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";

/** The suite's own server uses E2E_PORT; this one needs a port of its own. */
const LIFECYCLE_PORT = Number(process.env.E2E_PORT ?? 3210) + 7;
const BASE_URL = `http://127.0.0.1:${LIFECYCLE_PORT}`;
const READY_TIMEOUT_MS = 90_000;

type Server = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** `npm start`'s command line, on the embedded database in `dataDir` (no DATABASE_URL). */
function startServer(dataDir: string): Server {
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const env = { ...inherited, PORT: String(LIFECYCLE_PORT), HOST: "127.0.0.1", DATA_DIR: dataDir };
  const child = spawn(process.execPath, ["--max-old-space-size=384", "--import", "tsx", "server/index.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${BASE_URL}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("server did not become healthy");
}

test("SIGTERM closes the server and its embedded database cleanly, and the data survives a restart", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "mlp-lifecycle-"));
  try {
    const first = startServer(dataDir);
    await waitForHealth();
    const health = await (await fetch(`${BASE_URL}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", database: { status: "up", kind: "embedded" } });

    await page.goto(`${BASE_URL}/teacher/sign-up`);
    await page.getByLabel("Name").fill("Restart Tester");
    await page.getByLabel("Email").fill("restart@school.example");
    await page.getByLabel("Password").fill("a-long-passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/teacher$/);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("Stopped cleanly");

    const second = startServer(dataDir);
    try {
      await waitForHealth();
      await page.context().clearCookies();
      await page.goto(`${BASE_URL}/teacher/sign-in`);
      await page.getByLabel("Email").fill("restart@school.example");
      await page.getByLabel("Password").fill("a-long-passphrase");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText("Signed in as Restart Tester")).toBeVisible();
    } finally {
      second.child.kill("SIGINT");
      expect(await second.exited).toBe(0);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
