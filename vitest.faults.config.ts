import path from "node:path";
import { defineConfig } from "vitest/config";

/** `npm run test:faults`: long fault tests (outages, kills) kept out of `npm test`'s time budget. */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["test/faults/**/*.fault.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // One fault at a time: they share the machine's PostgreSQL and cut their own proxies.
    fileParallelism: false,
  },
});
