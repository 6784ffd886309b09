// The offline schema engine: the drift check between schema.prisma and the committed migrations
// (shown able to fail), migration creation, and Prisma's own engine agreeing with our migrator.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/server/db/migrate";
import { DEFAULT_MIGRATIONS_DIR, readMigrationFiles } from "@/server/db/migration-files";
import {
  callEngine,
  DEFAULT_SCHEMA_PATH,
  loadMigrationList,
  NO_FILTER,
  openEngine,
} from "@/tools/dev-db/engine/engine";
import { openSchemaEngine, type SchemaEngineSession } from "@/tools/dev-db/schema-engine";
import { postgresProvisioner } from "@/tools/dev-db/temp-database";
import { createPostgresTestDatabase, REAL_POSTGRES_URL } from "../../helpers/db";

const ADDED_FIELD = "  nickname     String?\n";
const MIGRATION_FOLDER = /^\d{14}_add_teacher_nickname$/;

let session: SchemaEngineSession;
let scratchDir: string;

/** schema.prisma with one more Teacher column, written to the scratch folder. */
async function writeChangedSchema(): Promise<string> {
  const schema = await readFile(DEFAULT_SCHEMA_PATH, "utf8");
  const changed = schema.replace(/(model Teacher \{\n)/, `$1${ADDED_FIELD}`);
  expect(changed).not.toBe(schema);
  const file = path.join(scratchDir, "changed.prisma");
  await writeFile(file, changed);
  return file;
}

beforeAll(async () => {
  scratchDir = await mkdtemp(path.join(tmpdir(), "mlp-schema-engine-test-"));
  // One engine for the whole file: temporary databases on PostgreSQL, or PGlite without one.
  session = await openSchemaEngine({ databaseUrl: REAL_POSTGRES_URL });
});
afterAll(async () => {
  await session?.close();
  await rm(scratchDir, { recursive: true, force: true });
});

describe("drift between schema.prisma and prisma/migrations", () => {
  it("finds none for the committed schema and migrations (else: npm run db:migration:create -- <name>)", async () => {
    const diff = await session.diffMigrationsAgainstSchema();
    expect(diff.sql).toBe("");
    expect(diff.isEmpty).toBe(true);
  });

  it("reports the SQL when the schema gains a field the migrations lack", async () => {
    const diff = await session.diffMigrationsAgainstSchema({ schemaPath: await writeChangedSchema() });
    expect(diff.isEmpty).toBe(false);
    expect(diff.sql).toContain('ALTER TABLE "Teacher" ADD COLUMN     "nickname" TEXT');
  });
});

describe("createMigration", () => {
  it("writes the next migration, after which schema and migrations agree", async () => {
    const migrationsDir = path.join(scratchDir, "migrations");
    await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const schemaPath = await writeChangedSchema();

    const created = await session.createMigration("addTeacherNickname", { schemaPath, migrationsDir });
    if (!("path" in created)) throw new Error("expected a migration file");
    expect(path.basename(path.dirname(created.path))).toMatch(MIGRATION_FOLDER);
    expect(await readFile(created.path, "utf8")).toContain('ALTER TABLE "Teacher" ADD COLUMN     "nickname" TEXT');
    expect(await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain(
      'provider = "postgresql"',
    );

    expect((await session.diffMigrationsAgainstSchema({ schemaPath, migrationsDir })).isEmpty).toBe(true);
    expect(await session.createMigration("again", { schemaPath, migrationsDir })).toEqual({ empty: true });
  });
});

describe("Prisma's engine reading the migrator's history", () => {
  it("sees every migration applied, none edited or failed, nothing left to apply", async () => {
    const database = await createPostgresTestDatabase(REAL_POSTGRES_URL);
    try {
      await applyMigrations(database.url);
      // An engine whose "main" database is the one our migrator just filled.
      const provisioner = postgresProvisioner(REAL_POSTGRES_URL);
      const handle = await openEngine({
        ...provisioner,
        create: async () => ({ url: database.url, drop: async () => {} }),
      });
      try {
        const migrationsList = await loadMigrationList(DEFAULT_MIGRATIONS_DIR);
        const history = await callEngine("diagnoseMigrationHistory", () =>
          handle.engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER }),
        );
        expect(history).toMatchObject({
          editedMigrationNames: [],
          failedMigrationNames: [],
          hasMigrationsTable: true,
          history: null,
        });
        const applied = await callEngine("applyMigrations", () =>
          handle.engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
        );
        expect(applied.appliedMigrationNames).toEqual([]);
        expect((await readMigrationFiles()).length).toBeGreaterThan(0);
      } finally {
        await handle.close();
      }
    } finally {
      await database.drop();
    }
  });
});
