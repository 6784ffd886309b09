import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:faults`: long fault tests with real server processes (kill -9, outages), kept out
 * of `npm test` so it stays near 10 minutes; .ci/run runs both. One file at a time: each starts
 * its own server on a fixed port.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["test/faults/**/*.fault.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
