import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/server/auth/password";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { signUpTeacher } from "@/server/teachers/sign-up-teacher";
import { startTeacherSession } from "@/server/teachers/start-teacher-session";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";

let database: TestDatabase;
let db: PrismaClient;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** The operator command exactly as `npm run teacher:reset-password -- <email>` runs it. */
function resetPassword(args: string[], stdin: string) {
  return spawnSync("npx", ["tsx", "server/cli/reset-password.ts", ...args], {
    env: { ...process.env, DATABASE_URL: database.url },
    input: stdin,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm run teacher:reset-password", () => {
  it("sets the password read from stdin and signs the teacher out everywhere", async () => {
    const { teacherId } = await signUpTeacher(db, {
      name: "Ada",
      email: "ada@school.example",
      password: "the old passphrase",
    });
    await startTeacherSession(db, teacherId, 30);
    const result = resetPassword(["ada@school.example"], "a brand new passphrase\n");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Password reset for ada@school.example");
    const teacher = await db.teacher.findUniqueOrThrow({ where: { id: teacherId } });
    expect(await verifyPassword(teacher.passwordHash, "a brand new passphrase")).toBe(true);
    expect(await db.teacherSession.count({ where: { teacherId } })).toBe(0);
  });

  it("refuses an unknown email, a short password and a missing argument, changing nothing", async () => {
    const before = await db.teacher.findMany({ select: { passwordHash: true } });
    const unknown = resetPassword(["ghost@school.example"], "a long enough passphrase\n");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("No teacher with email ghost@school.example");
    const short = resetPassword(["ada@school.example"], "short\n");
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("at least 10 characters");
    const missing = resetPassword([], "");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("usage: npm run teacher:reset-password -- <email>");
    expect(await db.teacher.findMany({ select: { passwordHash: true } })).toEqual(before);
  });
});
