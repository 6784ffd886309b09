// Runs `prisma generate` offline. Prisma's CLI insists on resolving a native schema engine
// before every command, even those that never use it; on an offline machine its download fails.
// Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies that check: generate only
// needs the wasm query compiler that ships in npm. Migrations never go through the CLI here
// (see server/db/migrate.ts).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
if (!existsSync(cli)) {
  console.log("prisma CLI not installed (production install?): skipping generate");
  process.exit(0);
}
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync(process.execPath, [cli, "generate"], { cwd: root, env, stdio: "inherit" });
process.exit(result.status ?? 1);
