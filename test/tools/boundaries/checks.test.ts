/**
 * The boundary checks of `npm run check:boundaries`, run on small fixture trees with deliberate
 * mistakes, so a check that stopped seeing an import would fail here, not pass silently.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkClientBoundary, checkRuntimeDependencies } from "@/tools/boundaries/checks";

const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);

describe("checkClientBoundary", () => {
  it("names the chain from a 'use client' module through lib/ to server/", () => {
    expect(checkClientBoundary(fixture("client-reaches-server"))).toEqual([
      "client code reaches server/: app/widget.ts → lib/format.ts → server/secret.ts",
    ]);
  });

  it("lets a client module call a 'use server' action and import pure lib/ code", () => {
    expect(checkClientBoundary(fixture("client-calls-action"))).toEqual([]);
  });
});

describe("checkRuntimeDependencies", () => {
  it("reports tooling imports, undeclared packages and unused dependencies, not type-only imports", () => {
    const packageJson = {
      dependencies: { "declared-package": "1.0.0", "css-package": "1.0.0", "unused-package": "1.0.0" },
    };
    expect(checkRuntimeDependencies(fixture("runtime-reaches-tooling"), packageJson, {}).sort()).toEqual([
      "dependency unused-package is imported by no runtime file: move it to devDependencies",
      "runtime code reaches tooling: server/index.ts → tools/helper.ts",
      "server/index.ts imports left-pad, which is not in dependencies",
    ]);
  });

  it("requires each named build tool in dependencies", () => {
    const packageJson = { dependencies: { "declared-package": "1.0.0", "css-package": "1.0.0", "left-pad": "1.0.0" } };
    expect(
      checkRuntimeDependencies(fixture("runtime-reaches-tooling"), packageJson, { bundler: "builds the pages" }),
    ).toEqual([
      "runtime code reaches tooling: server/index.ts → tools/helper.ts",
      "build tool bundler must be in dependencies: builds the pages",
    ]);
  });
});
