/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded PGlite in
 * DATA_DIR/pglite (default .data/pglite) when DATABASE_URL is unset. The server also does this at
 * start-up; this is for deploy scripts. With the embedded database, stop the server first: only
 * one process can open its folder.
 */
import path from "node:path";
import { envSchema, loadDotEnv } from "../env";
import { startEmbeddedPostgres } from "../db/embedded";
import { applyMigrations } from "../db/migrate";
import { redact } from "../db/temp-database";

const cliEnvSchema = envSchema.pick({ DATABASE_URL: true, DATA_DIR: true });
// The embedded database's folder under DATA_DIR, shared with the server (server/boot).
const EMBEDDED_SUBDIR = "pglite";

async function main(): Promise<void> {
  loadDotEnv();
  // Empty strings count as unset, as in the server's env loading.
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const parsed = cliEnvSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join("; ")}`);
  }
  const env = parsed.data;
  const log = (message: string) => console.log(message);

  const dataDir = path.resolve(env.DATA_DIR, EMBEDDED_SUBDIR);
  const embedded = env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir });
  const url = env.DATABASE_URL ?? embedded?.url;
  if (!url) throw new Error("No database to migrate");
  console.log(`Migrating ${env.DATABASE_URL ? redact(url) : `the embedded database in ${dataDir}`}`);
  try {
    const { applied } = await applyMigrations(url, { log });
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Already up to date: nothing to apply.");
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
