// Applies committed migrations with plain `pg`, recording them in Prisma's `_prisma_migrations`
// table exactly as `prisma migrate deploy` does, so the real CLI (on a machine that can download
// its engine) sees the same history. Works on PostgreSQL and on PGlite behind pglite-socket.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { checksumOf, DEFAULT_MIGRATIONS_DIR, type MigrationFile, readMigrationFiles } from "./migration-files";

export type ApplyMigrationsOptions = {
  migrationsDir?: string;
  log?: (message: string) => void;
};

export type ApplyMigrationsResult = { applied: string[] };

/** The key Prisma Migrate locks, so this and the CLI also exclude each other. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;
// Another process may be applying a slow migration; past this, fail rather than hang a boot.
const ADVISORY_LOCK_TIMEOUT_MS = 60_000;

// Verbatim from Prisma's schema engine (postgres flavour), so the CLI finds what it would create.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

/** Prisma accepts a script whose only change is its line endings (git autocrlf). */
function matchesChecksum(migration: MigrationFile, checksum: string): boolean {
  if (migration.checksum === checksum) return true;
  const lf = migration.sql.replace(/\r\n/g, "\n");
  return checksumOf(lf) === checksum || checksumOf(lf.replace(/\n/g, "\r\n")) === checksum;
}

/** Throws, naming every problem, when the recorded history cannot be trusted. */
function checkHistory(migrations: MigrationFile[], rows: MigrationRow[], log: (message: string) => void): void {
  const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed.length > 0) {
    const names = failed.map((row) => row.migration_name).join(", ");
    throw new Error(
      `Migration(s) ${names} failed earlier and are recorded as failed in _prisma_migrations. ` +
        "Fix the database by hand, then mark them rolled back (set rolled_back_at) or delete their rows.",
    );
  }
  const byName = new Map(migrations.map((migration) => [migration.name, migration]));
  const applied = rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null);
  const edited = applied.filter((row) => {
    const file = byName.get(row.migration_name);
    return file !== undefined && !matchesChecksum(file, row.checksum);
  });
  if (edited.length > 0) {
    const names = edited.map((row) => row.migration_name).join(", ");
    throw new Error(
      `Migration(s) ${names} were edited after being applied (checksum differs from _prisma_migrations). ` +
        "Restore the committed file and put the change in a new migration.",
    );
  }
  for (const row of applied) {
    if (!byName.has(row.migration_name))
      log(`Warning: applied migration ${row.migration_name} is missing from the folder`);
  }
}

async function isRecorded(client: pg.Client, name: string): Promise<boolean> {
  const result = await client.query(
    "SELECT 1 FROM _prisma_migrations WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL",
    [name],
  );
  return (result.rowCount ?? 0) > 0;
}

/** One migration, all or nothing: its script and its history row commit together. */
async function applyOne(client: pg.Client, migration: MigrationFile): Promise<boolean> {
  await client.query("BEGIN");
  try {
    // PGlite serves every connection from one session, where the advisory lock does not
    // exclude anyone; its socket does run one transaction at a time, so re-check inside it.
    if (await isRecorded(client, migration.name)) {
      await client.query("ROLLBACK");
      return false;
    }
    // One simple-protocol query: the script may hold `$$` bodies and several statements.
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${message}`, { cause: error });
  }
}

/**
 * Applies pending `prisma/migrations/<timestamp>_<name>/migration.sql` files in order, each in
 * its own transaction. Refuses to run when a recorded migration failed or was edited.
 *
 * @example
 * const { applied } = await applyMigrations(process.env.DATABASE_URL!, { log: console.log });
 */
export async function applyMigrations(
  databaseUrl: string,
  options: ApplyMigrationsOptions = {},
): Promise<ApplyMigrationsResult> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrationFiles(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET lock_timeout = ${ADVISORY_LOCK_TIMEOUT_MS}`);
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    await client.query("RESET lock_timeout");
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<MigrationRow>(
        "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
      );
      checkHistory(migrations, rows, log);
      const done = new Set(
        rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => row.migration_name),
      );
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        log(`Applying migration ${migration.name}`);
        if (await applyOne(client, migration)) applied.push(migration.name);
      }
      return { applied };
    } finally {
      // Ending the session releases it anyway; a failed unlock must not hide the real error.
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
