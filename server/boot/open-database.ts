import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded";
import { applyMigrations } from "../db/migrate";
import type { Env } from "../env";

export type DatabaseKind = "postgres" | "embedded";

export type OpenDatabase = { url: string; kind: DatabaseKind; close(): Promise<void> };

/** DATABASE_URL when set; otherwise an embedded PGlite kept in DATA_DIR. Pending migrations are applied. */
export async function openDatabase(env: Env, log: (message: string) => void): Promise<OpenDatabase> {
  const database: OpenDatabase = env.DATABASE_URL
    ? { url: env.DATABASE_URL, kind: "postgres", close: async () => {} }
    : await openEmbedded(path.resolve(env.DATA_DIR, "pglite"), log);
  try {
    const { applied } = await applyMigrations(database.url, { log });
    log(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
        : "Database schema is up to date",
    );
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function openEmbedded(dataDir: string, log: (message: string) => void): Promise<OpenDatabase> {
  log(`Starting the embedded PostgreSQL (PGlite) in ${dataDir}`);
  const embedded = await startEmbeddedPostgres({ dataDir });
  return { url: embedded.url, kind: "embedded", close: () => embedded.stop() };
}

/** A URL fit for logs: the password, if any, replaced. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
