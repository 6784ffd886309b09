// Fresh databases for integration tests: a uniquely named database on DATABASE_URL's server when
// it is set (fast, the real thing), otherwise an embedded PGlite in a new temporary folder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { startEmbeddedPostgres } from "@/server/db/embedded";
import { applyMigrations } from "@/server/db/migrate";
import { isPostgresReachable, postgresProvisioner, redact } from "@/tools/dev-db/temp-database";

export type TestDatabase = {
  url: string;
  kind: "postgres" | "pglite";
  /** Drops the database (or stops PGlite and deletes its folder). Safe to call twice. */
  drop(): Promise<void>;
};

/** An empty database on DATABASE_URL's server, or in PGlite when DATABASE_URL is unset. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? createPostgresTestDatabase(serverUrl) : createPgliteTestDatabase();
}

/** Like createTestDatabase, with every committed migration applied. */
export async function createMigratedTestDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  try {
    await applyMigrations(database.url);
    return database;
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/**
 * A new database next to the one `serverUrl` names (any database there serves as admin). Fails
 * loudly, never skips, when no server answers: the tests that ask for one are meant to run.
 */
export async function createPostgresTestDatabase(serverUrl: string): Promise<TestDatabase> {
  try {
    const database = await postgresProvisioner(serverUrl).create("test");
    return { ...database, kind: "postgres" };
  } catch (error) {
    if (await isPostgresReachable(serverUrl)) throw error;
    throw new Error(
      `No PostgreSQL answers at ${redact(serverUrl)}, and this test needs a real one. Start it ` +
        "(e.g. `pg_ctlcluster 15 main start`) or point DATABASE_URL at one whose user may CREATEDB.",
      { cause: error },
    );
  }
}

/** PGlite persisted in a new temporary folder, on a free loopback port. */
export async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "mlp-test-pglite-"));
  try {
    const embedded = await startEmbeddedPostgres({ dataDir });
    let dropping: Promise<void> | undefined;
    const drop = () => {
      dropping ??= embedded.stop().finally(() => rm(dataDir, { recursive: true, force: true }));
      return dropping;
    };
    return { url: embedded.url, kind: "pglite", drop };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A PostgreSQL server for tests that must run against the real thing even when DATABASE_URL is
 * unset (the migrator's tests): DATABASE_URL, else the conventional local server.
 */
export const REAL_POSTGRES_URL = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * A migrated database with a Prisma client for one test file: created before its tests, dropped
 * after them. Read `db` inside tests (it exists once `beforeAll` ran).
 *
 * @example const database = useMigratedDatabase(); it("…", async () => database.db.teacher.count());
 */
export function useMigratedDatabase(): { readonly db: PrismaClient } {
  let database: TestDatabase | undefined;
  let db: PrismaClient | undefined;
  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    db = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });
  return {
    get db(): PrismaClient {
      if (!db) throw new Error("useMigratedDatabase: the database exists only inside tests");
      return db;
    },
  };
}
