// Reads `prisma/migrations` the way the Prisma CLI does: one folder per migration holding a
// `migration.sql`, applied in folder-name order (folders start with a UTC timestamp).
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_MIGRATIONS_DIR = path.join(REPO_ROOT, "prisma", "migrations");
export const MIGRATION_FILE = "migration.sql";

export type MigrationFile = {
  /** Folder name, e.g. `20250101120000_init`; also the `migration_name` recorded in the DB. */
  name: string;
  sql: string;
  /** sha256 of the file's bytes, lowercase hex: what Prisma stores in `checksum`. */
  checksum: string;
};

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/**
 * The migrations in apply order. Folders without a migration.sql are an error, as they are for
 * the CLI: a half-written migration must not be skipped silently.
 */
export async function readMigrationFiles(migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  if (!existsSync(migrationsDir)) return [];
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  // localeCompare: the CLI's own ordering; timestamps make it equal to plain byte order.
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  names.sort((a, b) => a.localeCompare(b));
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const file = path.join(migrationsDir, name, MIGRATION_FILE);
    if (!existsSync(file)) throw new Error(`Migration folder ${name} has no ${MIGRATION_FILE} (${file})`);
    const sql = await readFile(file, "utf8");
    migrations.push({ name, sql, checksum: checksumOf(sql) });
  }
  return migrations;
}
