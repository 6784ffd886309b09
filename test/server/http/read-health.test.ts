/**
 * /api/health's body against a real PostgreSQL: it parses with the schema that the load tool and
 * operators' scripts use, and says "degraded" (still a body, never a throw) when the writer is behind.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthSchema, type WriterStatus } from "@/lib/http/health";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { readHealth, readinessStatus } from "@/server/http/read-health";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";

let database: TestDatabase;
let db: PrismaClient;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
  // Connect before the probes: a first connection on a busy machine can take longer than the probe's timeout.
  await db.$queryRaw`SELECT 1`;
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const IDLE_WRITER: WriterStatus = {
  isDatabaseUp: true,
  backlogRows: 0,
  backlogBytes: 0,
  queuedWrites: 0,
  oldestWaitMs: 0,
  failedAttempts: 0,
  refusedRows: 0,
};

describe("readHealth", () => {
  it("answers a body that parses with the shared schema, ready while the writer keeps up", async () => {
    const health = healthSchema.parse(await readHealth(db, "postgres", () => IDLE_WRITER));
    expect(health).toMatchObject({ status: "ok", database: { status: "up", kind: "postgres" }, writer: IDLE_WRITER });
    expect(readinessStatus(health)).toBe(200);
    expect(healthSchema.parse(await readHealth(db, "postgres", undefined)).writer).toBeNull();
  });

  it("is degraded, not ready, while the writer's head keeps failing", async () => {
    const behind = { ...IDLE_WRITER, isDatabaseUp: false, backlogRows: 12, failedAttempts: 3 };
    const health = healthSchema.parse(await readHealth(db, "postgres", () => behind));
    expect(health.status).toBe("degraded");
    expect(readinessStatus(health)).toBe(503);
  });

  it("refuses a body that lost a field", () => {
    expect(healthSchema.safeParse({ status: "ok", database: { status: "up" } }).success).toBe(false);
  });
});
