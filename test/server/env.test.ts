import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "@/server/env";

describe("loadEnv", () => {
  it("gives safe defaults", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: "0.0.0.0",
      DATA_DIR: ".data",
      SIGNIN_WINDOW_SECONDS: 900,
      SIGNIN_DELAY_CAP_MS: 10_000,
      JOIN_DELAY_CAP_MS: 3000,
      JOIN_RATE_PER_IP_PER_MINUTE: 1000,
      SOCKETS_PER_ADDRESS_MAX: 2500,
      UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX: 100,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(loadEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://root@localhost/db"],
    ["PUBLIC_URL", "not a url"],
    ["TRUST_PROXY", "yes please"],
    ["SIGNUPS_PER_IP_PER_HOUR", "0"],
    ["JOIN_DELAY_CAP_MS", "-1"],
    ["UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX", "0"],
  ])("names %s=%s in its error", (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(EnvError);
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it("stops the server at start-up with a message naming the bad variable", () => {
    const result = spawnSync("npx", ["tsx", "server/index.ts"], {
      env: { ...process.env, PORT: "not-a-port", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid environment configuration");
    expect(result.stderr).toContain("PORT:");
  });
});
