/**
 * The README's nginx block is server/cluster/nginx.conf, the file test/faults/nginx-front.fault.ts
 * runs: what an operator copies is what was proven.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NGINX_SITE_PATH, pointSite } from "../../faults/nginx-front";

const README = path.resolve(import.meta.dirname, "../../../README.md");

describe("the nginx front's configuration", () => {
  it("is shown unchanged in the README", async () => {
    const readme = await readFile(README, "utf8");
    const blocks = [...readme.matchAll(/```nginx\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toEqual([await readFile(NGINX_SITE_PATH, "utf8")]);
  });

  it("is pointed at the test's backends by its two server lines and its listen line only", async () => {
    const site = await readFile(NGINX_SITE_PATH, "utf8");
    const pointed = pointSite(site, "127.0.0.1:3120", ["127.0.0.1:3121", "127.0.0.1:3122"]);
    const changed = pointed.split("\n").filter((line, i) => line !== site.split("\n")[i]);
    expect(changed.map((line) => line.trim())).toEqual([
      "server 127.0.0.1:3121;",
      "server 127.0.0.1:3122;",
      "listen 127.0.0.1:3120;",
    ]);
    expect(() => pointSite(site, "127.0.0.1:3120", ["127.0.0.1:3121"])).toThrow(/expected 1 upstream servers/);
  });
});
