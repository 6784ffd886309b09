// The embedded PGlite: the same migrations and the same Prisma client as on PostgreSQL, data that
// survives a restart, and migrators that do not double-apply on its single shared session.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/server/db/client";
import { startEmbeddedPostgres } from "@/server/db/embedded";
import { applyMigrations } from "@/server/db/migrate";
import { readMigrationFiles } from "@/server/db/migration-files";

let dataDir: string;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL (PGlite)", () => {
  beforeAll(async () => {
    dataDir = path.join(await mkdtemp(path.join(tmpdir(), "mlp-embedded-test-")), "nested", "pglite");
  });
  afterAll(async () => {
    await rm(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
  });

  it("migrates, serves Prisma, and keeps its data across a restart", async () => {
    const files = await readMigrationFiles();
    const first = await startEmbeddedPostgres({ dataDir });
    try {
      // Two migrators at once share PGlite's one session, so the advisory lock alone cannot
      // separate them: each migration must still be applied exactly once.
      const [a, b] = await Promise.all([applyMigrations(first.url), applyMigrations(first.url)]);
      expect([...a.applied, ...b.applied].sort()).toEqual(files.map((file) => file.name));

      const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number }>(
        first.url,
        "SELECT migration_name, checksum, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(rows).toEqual(
        files.map((file) => ({ migration_name: file.name, checksum: file.checksum, applied_steps_count: 1 })),
      );

      const prisma = createPrismaClient(first.url);
      try {
        await prisma.teacher.create({ data: { email: "grace@school.example", name: "Grace", passwordHash: "h" } });
        // Several queries in flight at once: Prisma's pool opens several sockets.
        const counts = await Promise.all([1, 2, 3, 4].map(() => prisma.teacher.count()));
        expect(counts).toEqual([1, 1, 1, 1]);
      } finally {
        await prisma.$disconnect();
      }
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect((await applyMigrations(second.url)).applied).toEqual([]);
      const prisma = createPrismaClient(second.url);
      try {
        const teacher = await prisma.teacher.findUnique({ where: { email: "grace@school.example" } });
        expect(teacher?.name).toBe("Grace");
      } finally {
        await prisma.$disconnect();
      }
    } finally {
      await second.stop();
    }
  });
});
