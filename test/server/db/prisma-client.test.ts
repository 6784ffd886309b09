// The Prisma client through adapter-pg on a real PostgreSQL, including the Json and Bytes
// columns whose JS shapes other code relies on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { createPostgresTestDatabase, REAL_POSTGRES_URL, type TestDatabase } from "../../helpers/db";

const MAP_BYTES = 32 * 32;

let database: TestDatabase;
let prisma: PrismaClient;

describe("Prisma client on PostgreSQL", () => {
  beforeAll(async () => {
    database = await createPostgresTestDatabase(REAL_POSTGRES_URL);
    await applyMigrations(database.url);
    prisma = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it("inserts and reads a Teacher", async () => {
    const created = await prisma.teacher.create({
      data: { email: "ada@school.example", name: "Ada", passwordHash: "hash" },
    });
    expect(created.id).toMatch(/^c[a-z0-9]{20,}$/);
    const found = await prisma.teacher.findUnique({ where: { email: "ada@school.example" } });
    expect(found).toMatchObject({ name: "Ada", passwordHash: "hash" });
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  it("round-trips Json as plain values and Bytes as Uint8Array", async () => {
    const teacher = await prisma.teacher.create({ data: { email: "b@school.example", name: "B", passwordHash: "h" } });
    const session = await prisma.classSession.create({
      data: { teacherId: teacher.id, title: "MLP", joinCode: "ABC123", settings: { dataset: "xor", lr: 0.1 } },
    });
    const participant = await prisma.participant.create({
      data: { classSessionId: session.id, nickname: "Bob", tokenHash: "t" },
    });
    const map = Uint8Array.from({ length: MAP_BYTES }, (_, index) => index % 256);
    const run = await prisma.run.create({
      data: {
        participantId: participant.id,
        classSessionId: session.id,
        config: { hidden: [4] },
        curve: [[0, 0.69]],
        finalMap: map,
      },
    });
    const read = await prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(read.config).toEqual({ hidden: [4] });
    expect(read.curve).toEqual([[0, 0.69]]);
    expect(read.weights).toBeNull();
    expect(read.finalMap).toBeInstanceOf(Uint8Array);
    expect(Array.from(read.finalMap ?? [])).toEqual(Array.from(map));
    expect(read.status).toBe("TRAINING");
  });
});
