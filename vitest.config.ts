import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    environment: "node",
    // Integration tests start servers and databases; the default 5 s is too tight on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Vitest's default outside watch mode is one worker per core minus one: a single worker on the
    // 2-core CI machine. Most files wait on PostgreSQL, sockets and timers rather than the CPU, so
    // two workers overlap those waits (each file has its own database and ephemeral ports).
    maxWorkers: 2,
  },
});
