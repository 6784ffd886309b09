import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:faults`: long fault tests (database outages through a TCP proxy, kill -9 of the
 * real server process, a student's network cut) kept out of `npm test`'s time budget; .ci/run
 * runs both.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["test/faults/**/*.fault.ts"],
    environment: "node",
    // A cold server process start on a busy machine takes up to a minute, twice in the kill test.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One fault at a time: they share the machine's PostgreSQL, fixed ports and their own proxies.
    fileParallelism: false,
  },
});
