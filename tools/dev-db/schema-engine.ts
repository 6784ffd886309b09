// Offline replacements for `prisma migrate dev --create-only` and `prisma migrate diff`, built
// on Prisma's wasm schema engine (the CLI's native engine cannot be downloaded here). They only
// ever touch throwaway databases: on the PostgreSQL at `databaseUrl` when it answers and allows
// CREATE DATABASE, else in private in-memory PGlite instances (slower: ~3 s per database).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_MIGRATIONS_DIR } from "../../server/db/migration-files";
import { diffMigrationsToSchema, generateMigration, type MigrationInputs } from "./engine/commands";
import {
  DEFAULT_SCHEMA_PATH,
  type EngineHandle,
  LOCK_FILE,
  LOCK_FILE_CONTENT,
  loadMigrationList,
  loadSchema,
  openEngine,
} from "./engine/engine";
import { chooseProvisioner, type DatabaseProvisioner, pgliteProvisioner, redact } from "./temp-database";

/** Where temporary databases are created when neither option nor DATABASE_URL says otherwise. */
export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** Which schema and migrations folder to read; default: prisma/schema.prisma and prisma/migrations. */
export type SchemaPaths = { schemaPath?: string; migrationsDir?: string };

export type SchemaEngineOptions = SchemaPaths & {
  /** A server on which temporary databases may be created; defaults to DATABASE_URL or the local one. */
  databaseUrl?: string;
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
  /** `paths` override the session's own, e.g. to try a modified copy of the schema. */
  createMigration(name: string, paths?: SchemaPaths): Promise<CreatedMigration>;
  diffMigrationsAgainstSchema(paths?: SchemaPaths): Promise<SchemaDiff>;
  close(): Promise<void>;
};

// The engine's limit for the user-given part of a migration folder name.
const MAX_MIGRATION_NAME_LENGTH = 200;

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
async function openFirstEngine(adminUrl: string, { log, trace }: SchemaEngineOptions): Promise<EngineHandle> {
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

async function loadInputs(paths: Required<SchemaPaths>, assumeLockFile: boolean): Promise<MigrationInputs> {
  return {
    migrationsList: await loadMigrationList(paths.migrationsDir, { assumeLockFile }),
    schema: await loadSchema(paths.schemaPath),
  };
}

/**
 * Starts an engine for several calls (~0.1 s on PostgreSQL, ~3 s on PGlite). Diffs share it;
 * each createMigration gets a fresh one, as it must load the history into an empty database.
 *
 * @example
 * const session = await openSchemaEngine();
 * try { console.log((await session.diffMigrationsAgainstSchema()).isEmpty); } finally { await session.close(); }
 */
export async function openSchemaEngine(options: SchemaEngineOptions = {}): Promise<SchemaEngineSession> {
  const adminUrl = options.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const resolve = (paths: SchemaPaths): Required<SchemaPaths> => ({
    schemaPath: paths.schemaPath ?? options.schemaPath ?? DEFAULT_SCHEMA_PATH,
    migrationsDir: paths.migrationsDir ?? options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR,
  });
  const shared = await openFirstEngine(adminUrl, options);

  async function createMigration(name: string, paths: SchemaPaths = {}): Promise<CreatedMigration> {
    const migrationName = normalizeMigrationName(name);
    if (!migrationName) throw new Error(`Invalid migration name ${JSON.stringify(name)}: use letters and digits`);
    const { migrationsDir, schemaPath } = resolve(paths);
    const inputs = await loadInputs({ migrationsDir, schemaPath }, false);
    const fresh = await openEngine(shared.provisioner, options.trace);
    const created = await generateMigration(fresh.engine, migrationName, inputs).finally(fresh.close);
    if (!created) return { empty: true };

    const folder = path.join(migrationsDir, created.generatedMigrationName);
    await mkdir(migrationsDir, { recursive: true });
    // Not recursive: an existing folder (same second, same name) must not be overwritten.
    await mkdir(folder);
    const file = path.join(folder, `migration.${created.extension}`);
    await writeFile(file, created.migrationScript ?? "", "utf8");
    // The CLI rewrites the lock file on every migration it creates.
    await writeFile(path.join(migrationsDir, LOCK_FILE), LOCK_FILE_CONTENT, "utf8");
    return { path: file };
  }

  async function diffMigrationsAgainstSchema(paths: SchemaPaths = {}): Promise<SchemaDiff> {
    return diffMigrationsToSchema(shared.engine, await loadInputs(resolve(paths), true));
  }

  return { kind: shared.provisioner.kind, createMigration, diffMigrationsAgainstSchema, close: shared.close };
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
