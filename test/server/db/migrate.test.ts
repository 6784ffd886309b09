// The migrator against a real PostgreSQL: what it records must be what Prisma's CLI records.
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/server/db/migrate";
import { DEFAULT_MIGRATIONS_DIR, readMigrationFiles } from "@/server/db/migration-files";
import { createPostgresTestDatabase, REAL_POSTGRES_URL, type TestDatabase } from "../../helpers/db";

const APP_TABLES = [
  "CellCheck",
  "Challenge",
  "ChallengeEntry",
  "ClassSession",
  "JoinRequest",
  "Lesson",
  "LessonStep",
  "MapSnapshot",
  "Participant",
  "PresenceInterval",
  "RateLimit",
  "Run",
  "Snapshot",
  "Teacher",
  "TeacherSession",
];

let database: TestDatabase;
let scratchDir: string;

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A private copy of the committed migrations, so a test may edit or extend it. */
async function copyMigrations(): Promise<string> {
  const dir = path.join(scratchDir, `migrations-${Math.random().toString(36).slice(2)}`);
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

describe("applyMigrations on PostgreSQL", () => {
  beforeAll(async () => {
    scratchDir = await mkdtemp(path.join(tmpdir(), "mlp-migrate-test-"));
  });
  afterAll(async () => {
    await rm(scratchDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await database?.drop();
  });

  it("applies every migration to an empty database, recording Prisma's rows, then nothing", async () => {
    database = await createPostgresTestDatabase(REAL_POSTGRES_URL);
    const files = await readMigrationFiles();
    expect(files.length).toBeGreaterThan(0);

    const first = await applyMigrations(database.url);
    expect(first.applied).toEqual(files.map((file) => file.name));

    const tables = await query<{ table_name: string }>(
      database.url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((row) => row.table_name)).toEqual([...APP_TABLES, "_prisma_migrations"].sort());

    const rows = await query<Record<string, unknown>>(
      database.url,
      "SELECT * FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows).toHaveLength(files.length);
    rows.forEach((row, index) => {
      const file = files[index];
      expect(row.migration_name).toBe(file?.name);
      expect(row.checksum).toBe(file?.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
    });

    expect((await applyMigrations(database.url)).applied).toEqual([]);
  });

  it("applies each migration once when two processes start at the same time", async () => {
    database = await createPostgresTestDatabase(REAL_POSTGRES_URL);
    const [a, b] = await Promise.all([applyMigrations(database.url), applyMigrations(database.url)]);
    const files = await readMigrationFiles();
    expect([...a.applied, ...b.applied].sort()).toEqual(files.map((file) => file.name));
    const [count] = await query<{ n: number }>(database.url, "SELECT count(*)::int AS n FROM _prisma_migrations");
    expect(count?.n).toBe(files.length);
  });

  it("refuses to run when an applied migration was edited", async () => {
    database = await createPostgresTestDatabase(REAL_POSTGRES_URL);
    const dir = await copyMigrations();
    const [first] = await readMigrationFiles(dir);
    await applyMigrations(database.url, { migrationsDir: dir });
    await writeFile(path.join(dir, first?.name ?? "", "migration.sql"), `${first?.sql}\n-- edited\n`);
    await addMigration(dir, "29990101000000_later", 'CREATE TABLE "Later" ("id" INTEGER);');
    await expect(applyMigrations(database.url, { migrationsDir: dir })).rejects.toThrow(/edited after being applied/);
    const later = await query(database.url, "SELECT to_regclass('\"Later\"') AS t");
    expect(later[0]).toEqual({ t: null });
  });

  it("refuses to run while a failed migration is recorded", async () => {
    database = await createPostgresTestDatabase(REAL_POSTGRES_URL);
    await applyMigrations(database.url);
    await query(
      database.url,
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, applied_steps_count) VALUES ($1, $2, $3, 0)",
      ["00000000-0000-4000-8000-000000000000", "0".repeat(64), "29990101000000_broken"],
    );
    await expect(applyMigrations(database.url)).rejects.toThrow(/29990101000000_broken failed earlier/);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    database = await createPostgresTestDatabase(REAL_POSTGRES_URL);
    const dir = await copyMigrations();
    await addMigration(dir, "29990101000000_bad", 'CREATE TABLE "Half" ("id" INTEGER);\nSELECT no_such_function();');
    await expect(applyMigrations(database.url, { migrationsDir: dir })).rejects.toThrow(/29990101000000_bad failed/);
    const half = await query(database.url, "SELECT to_regclass('\"Half\"') AS t");
    expect(half[0]).toEqual({ t: null });
    const names = await query<{ migration_name: string }>(
      database.url,
      "SELECT migration_name FROM _prisma_migrations",
    );
    expect(names.map((row) => row.migration_name)).not.toContain("29990101000000_bad");
  });

  it("runs scripts with semicolons inside $$ bodies as one script", async () => {
    database = await createPostgresTestDatabase(REAL_POSTGRES_URL);
    const dir = await copyMigrations();
    await addMigration(
      dir,
      "29990101000000_function",
      "CREATE FUNCTION two() RETURNS integer AS $$ BEGIN RETURN 1 + 1; END; $$ LANGUAGE plpgsql;\nSELECT two();",
    );
    const { applied } = await applyMigrations(database.url, { migrationsDir: dir });
    expect(applied).toContain("29990101000000_function");
    expect(await query(database.url, "SELECT two() AS v")).toEqual([{ v: 2 }]);
  });
});
