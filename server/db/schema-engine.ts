// Offline replacements for `prisma migrate dev --create-only` and `prisma migrate diff`, built
// on Prisma's wasm schema engine (the CLI's native engine cannot be downloaded here). Each call
// works on throwaway databases only: PostgreSQL at `databaseUrl` when it answers, else PGlite.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { callEngine, LOCK_FILE_CONTENT, loadMigrationList, loadSchema, NO_FILTER, openEngine } from "./engine/engine";
import { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH, LOCK_FILE } from "./migration-files";
import { chooseProvisioner, type DatabaseProvisioner, pgliteProvisioner, redact } from "./temp-database";

/** Where temporary databases are created when neither option nor DATABASE_URL says otherwise. */
export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export type SchemaEngineOptions = {
  /** A server on which temporary databases may be created; defaults to DATABASE_URL or the local one. */
  databaseUrl?: string;
  schemaPath?: string;
  migrationsDir?: string;
  /** Receives notices, e.g. "falling back to PGlite". */
  log?: (message: string) => void;
  /** Receives the engine's JSON tracing lines, for debugging the engine itself. */
  trace?: (line: string) => void;
};

export type CreatedMigration = { path: string } | { empty: true };

/** SQL that would take "all committed migrations applied" to "schema.prisma". */
export type SchemaDiff = { isEmpty: boolean; sql: string };

export type SchemaEngineSession = {
  /** "postgres" or "pglite": where the temporary databases live. */
  kind: DatabaseProvisioner["kind"];
  createMigration(name: string): Promise<CreatedMigration>;
  diffMigrationsAgainstSchema(): Promise<SchemaDiff>;
  close(): Promise<void>;
};

// The CLI's limit for the user-given part of a migration folder name.
const MAX_MIGRATION_NAME_LENGTH = 200;
// The engine's exit code for "the diff is not empty" when asked for one.
const DIFF_NOT_EMPTY_EXIT_CODE = 2;

/** "Add run index" / "addRunIndex" -> "add_run_index", as the CLI slugifies names. */
export function normalizeMigrationName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, MAX_MIGRATION_NAME_LENGTH);
}

/** PostgreSQL when it answers and lets us create databases (CREATEDB), else PGlite. */
async function openEngineWithFallback(adminUrl: string, options: SchemaEngineOptions) {
  const { log, trace } = options;
  const provisioner = await chooseProvisioner(adminUrl);
  if (provisioner.kind === "pglite") {
    log?.(`No PostgreSQL answers at ${redact(adminUrl)}: using in-memory PGlite`);
    return openEngine(provisioner, trace);
  }
  try {
    return await openEngine(provisioner, trace);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log?.(`Cannot create temporary databases at ${redact(adminUrl)} (${reason}); using PGlite`);
    return openEngine(pgliteProvisioner(), trace);
  }
}

/**
 * Starts one engine for several calls (engine start ~0.1 s on PostgreSQL, ~3 s on PGlite).
 *
 * @example
 * const session = await openSchemaEngine();
 * try { console.log((await session.diffMigrationsAgainstSchema()).isEmpty); } finally { await session.close(); }
 */
export async function openSchemaEngine(options: SchemaEngineOptions = {}): Promise<SchemaEngineSession> {
  const adminUrl = options.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const { engine, provisioner, close } = await openEngineWithFallback(adminUrl, options);

  async function createMigration(name: string): Promise<CreatedMigration> {
    const migrationName = normalizeMigrationName(name);
    if (!migrationName) throw new Error(`Invalid migration name ${JSON.stringify(name)}: use letters and digits`);
    const migrationsList = await loadMigrationList(migrationsDir);
    const schema = await loadSchema(schemaPath);
    // The same sequence as `prisma migrate dev --create-only`. devDiagnostic also readies the
    // engine's shadow-database support, without which createMigration refuses to run.
    const diagnostic = await callEngine("devDiagnostic", () =>
      engine.devDiagnostic({ migrationsList, filters: NO_FILTER }),
    );
    if (diagnostic.action.tag === "reset") {
      throw new Error(`The committed migrations do not replay cleanly: ${diagnostic.action.reason}`);
    }
    await callEngine("applyMigrations", () => engine.applyMigrations({ migrationsList, filters: NO_FILTER }));
    const created = await callEngine("createMigration", () =>
      engine.createMigration({ draft: false, migrationName, migrationsList, schema, filters: NO_FILTER }),
    );
    if (created.migrationScript === null) return { empty: true };

    const folder = path.join(migrationsDir, created.generatedMigrationName);
    // Not recursive for the leaf: an existing folder (same second, same name) must not be overwritten.
    await mkdir(migrationsDir, { recursive: true });
    await mkdir(folder);
    const file = path.join(folder, `migration.${created.extension}`);
    await writeFile(file, created.migrationScript, "utf8");
    await writeFile(path.join(migrationsDir, LOCK_FILE), LOCK_FILE_CONTENT, "utf8");
    return { path: file };
  }

  async function diffMigrationsAgainstSchema(): Promise<SchemaDiff> {
    const migrationsList = await loadMigrationList(migrationsDir, { assumeLockFile: true });
    const schema = await loadSchema(schemaPath);
    const result = await callEngine("diff", () =>
      engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", ...schema },
        script: true,
        exitCode: true,
        filters: NO_FILTER,
      }),
    );
    const isEmpty = result.exitCode !== DIFF_NOT_EMPTY_EXIT_CODE;
    return { isEmpty, sql: isEmpty ? "" : (result.stdout ?? "") };
  }

  return { kind: provisioner.kind, createMigration, diffMigrationsAgainstSchema, close };
}

/**
 * Writes `prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql` for the changes in
 * schema.prisma since the last committed migration, as `prisma migrate dev --create-only` would.
 */
export async function createMigration(options: SchemaEngineOptions & { name: string }): Promise<CreatedMigration> {
  const session = await openSchemaEngine(options);
  try {
    return await session.createMigration(options.name);
  } finally {
    await session.close();
  }
}

/** Empty when the committed migrations produce exactly the database schema.prisma describes. */
export async function diffMigrationsAgainstSchema(options: SchemaEngineOptions = {}): Promise<SchemaDiff> {
  const session = await openSchemaEngine(options);
  try {
    return await session.diffMigrationsAgainstSchema();
  } finally {
    await session.close();
  }
}
