import { describe, expect, it } from "vitest";
import { MAX_BOTS, parseSimulateArgs } from "@/server/simulator/args";

const BASE = ["--url", "http://localhost:3000", "--code", "abc234", "--students", "30"];

describe("parseSimulateArgs", () => {
  it("parses the documented command with defaults", () => {
    expect(parseSimulateArgs(BASE)).toEqual({
      ok: true,
      args: {
        url: "http://localhost:3000",
        code: "ABC234",
        students: 30,
        speed: "default",
        varySeeds: false,
        sharedTraining: false,
        first: 1,
        name: "Bot",
        statusEvery: 5,
      },
    });
  });

  it("takes speed, duration, seeds, numbering and name", () => {
    const parsed = parseSimulateArgs([
      ...BASE,
      "--speed",
      "max",
      "--duration",
      "60",
      "--vary-seeds",
      "--shared-training",
      "--first",
      "151",
      "--name",
      "Probe",
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      args: { speed: "max", duration: 60, varySeeds: true, sharedTraining: true, first: 151, name: "Probe" },
    });
  });

  it("drops a trailing slash so URLs join cleanly", () => {
    const parsed = parseSimulateArgs(["--url", "http://localhost:3000/", "--code", "ABC234", "--students", "1"]);
    expect(parsed.ok && parsed.args.url).toBe("http://localhost:3000");
  });

  it.each([
    [["--code", "ABC234", "--students", "3"], "--url"],
    [["--url", "ftp://x", "--code", "ABC234", "--students", "3"], "--url"],
    [["--url", "http://x", "--code", "ABC1O0", "--students", "3"], "--code"],
    [["--url", "http://x", "--code", "ABC234", "--students", "0"], "--students"],
    [["--url", "http://x", "--code", "ABC234", "--students", String(MAX_BOTS + 1)], "--students"],
    [["--url", "http://x", "--code", "ABC234", "--students", "2.5"], "--students"],
    [[...BASE, "--speed", "warp"], "--speed"],
    [[...BASE, "--duration", "-1"], "--duration"],
    [[...BASE, "--status-every", "0"], "--status-every"],
  ])("refuses %j naming %s", (argv, option) => {
    const parsed = parseSimulateArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(option);
  });

  it("refuses unknown options and positionals without throwing", () => {
    expect(parseSimulateArgs([...BASE, "--studnets", "3"]).ok).toBe(false);
    expect(parseSimulateArgs([...BASE, "extra"]).ok).toBe(false);
  });
});
