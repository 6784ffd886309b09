import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/server/auth/password";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { loadEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { findTeacherBySession } from "@/server/teachers/find-teacher-by-session";
import { resetTeacherPassword } from "@/server/teachers/reset-teacher-password";
import { signInTeacher } from "@/server/teachers/sign-in-teacher";
import { signOutTeacher } from "@/server/teachers/sign-out-teacher";
import { signUpTeacher } from "@/server/teachers/sign-up-teacher";
import { createMigratedTestDatabase } from "../../helpers/db";

const PASSWORD = "correct horse battery";
const env = loadEnv({ SIGNIN_FAILURES_PER_IP: "10", SIGNIN_FAILURES_PER_EMAIL: "10" });

let db: PrismaClient;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createMigratedTestDatabase();
  drop = database.drop;
  db = createPrismaClient(database.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});
beforeEach(async () => {
  await db.rateLimit.deleteMany();
  await db.teacher.deleteMany();
});

async function expectAppError(promise: Promise<unknown>, code: string, message: RegExp, field?: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
  if (field) expect((error as AppError).field).toBe(field);
}

describe("signUpTeacher", () => {
  it("stores an argon2id hash that verifies and is not the password", async () => {
    const { teacherId } = await signUpTeacher(db, { name: " Ada ", email: "Ada@School.example", password: PASSWORD });
    const teacher = await db.teacher.findUniqueOrThrow({ where: { id: teacherId } });
    expect(teacher.email).toBe("ada@school.example");
    expect(teacher.name).toBe("Ada");
    expect(teacher.passwordHash).not.toContain(PASSWORD);
    expect(teacher.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(teacher.passwordHash, PASSWORD)).toBe(true);
    expect(await verifyPassword(teacher.passwordHash, `${PASSWORD}!`)).toBe(false);
  });

  it.each([
    ["a malformed email", { name: "A", email: "not-an-email", password: PASSWORD }, /valid email/, "email"],
    ["a short password", { name: "A", email: "a@b.example", password: "123456789" }, /at least 10/, "password"],
    ["a 10 KB name", { name: "x".repeat(10_240), email: "a@b.example", password: PASSWORD }, /at most 80/, "name"],
    ["a missing name", { email: "a@b.example", password: PASSWORD }, /Name is required/, "name"],
    ["a missing password", { name: "A", email: "a@b.example" }, /Password is required/, "password"],
    ["a non-object body", "name=A", /expected object|Invalid/i, undefined],
  ])("refuses %s with a clear error and writes nothing", async (_label, input, message, field) => {
    await expectAppError(signUpTeacher(db, input), "INVALID_INPUT", message, field);
    expect(await db.teacher.count()).toBe(0);
  });

  it("refuses a duplicate email, whatever its case, and keeps the first account", async () => {
    await signUpTeacher(db, { name: "First", email: "dup@school.example", password: PASSWORD });
    await expectAppError(
      signUpTeacher(db, { name: "Second", email: "DUP@school.example", password: "another password" }),
      "EMAIL_TAKEN",
      /already exists/,
      "email",
    );
    const teachers = await db.teacher.findMany();
    expect(teachers.map((t) => t.name)).toEqual(["First"]);
  });
});

describe("signInTeacher", () => {
  beforeEach(async () => {
    await signUpTeacher(db, { name: "Ada", email: "ada@school.example", password: PASSWORD });
  });

  it("opens a session whose token finds the teacher, and sign-out ends it", async () => {
    const session = await signInTeacher(db, {
      input: { email: "ada@school.example", password: PASSWORD },
      ip: "10.0.0.1",
      env,
    });
    expect(session.token.length).toBeGreaterThanOrEqual(43);
    const stored = await db.teacherSession.findMany();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toBe(session.token);
    expect((await findTeacherBySession(db, session.token))?.email).toBe("ada@school.example");
    await signOutTeacher(db, session.token);
    expect(await findTeacherBySession(db, session.token)).toBeNull();
  });

  it("refuses a wrong password and an unknown email with the same message, and opens no session", async () => {
    const wrong = { email: "ada@school.example", password: "wrong password" };
    await expectAppError(
      signInTeacher(db, { input: wrong, ip: "10.0.0.1", env }),
      "INVALID_CREDENTIALS",
      /Wrong email or password/,
    );
    const unknown = { email: "nobody@school.example", password: PASSWORD };
    await expectAppError(
      signInTeacher(db, { input: unknown, ip: "10.0.0.1", env }),
      "INVALID_CREDENTIALS",
      /Wrong email or password/,
    );
    expect(await db.teacherSession.count()).toBe(0);
  });

  it("refuses the 11th failed sign-in for an email within the window, even with the right password", async () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const input = { email: "ada@school.example", password: `wrong ${attempt}` };
      await expectAppError(signInTeacher(db, { input, ip: `10.0.1.${attempt}`, env }), "INVALID_CREDENTIALS", /Wrong/);
    }
    const right = { email: "ada@school.example", password: PASSWORD };
    await expectAppError(
      signInTeacher(db, { input: right, ip: "10.0.2.1", env }),
      "RATE_LIMITED",
      /Too many failed sign-ins/,
    );
    expect(await db.teacherSession.count()).toBe(0);
  });

  it("refuses the 11th failed sign-in from one IP across emails", async () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const input = { email: `guess${attempt}@school.example`, password: "wrong password" };
      await expectAppError(signInTeacher(db, { input, ip: "10.9.9.9", env }), "INVALID_CREDENTIALS", /Wrong/);
    }
    const right = { email: "ada@school.example", password: PASSWORD };
    await expectAppError(
      signInTeacher(db, { input: right, ip: "10.9.9.9", env }),
      "RATE_LIMITED",
      /Try again in 15 minutes/,
    );
    // Another address is not punished for that one.
    await expect(signInTeacher(db, { input: right, ip: "10.9.9.10", env })).resolves.toMatchObject({
      token: expect.any(String),
    });
  });

  it("honours limits configured by env", async () => {
    const strict = loadEnv({ SIGNIN_FAILURES_PER_EMAIL: "2" });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const input = { email: "ada@school.example", password: "wrong password" };
      await expectAppError(
        signInTeacher(db, { input, ip: `10.3.0.${attempt}`, env: strict }),
        "INVALID_CREDENTIALS",
        /Wrong/,
      );
    }
    const right = { email: "ada@school.example", password: PASSWORD };
    await expectAppError(signInTeacher(db, { input: right, ip: "10.3.0.9", env: strict }), "RATE_LIMITED", /Too many/);
  });
});

describe("resetTeacherPassword", () => {
  it("sets a new password and signs the teacher out everywhere", async () => {
    await signUpTeacher(db, { name: "Ada", email: "ada@school.example", password: PASSWORD });
    const old = await signInTeacher(db, {
      input: { email: "ada@school.example", password: PASSWORD },
      ip: "10.0.0.1",
      env,
    });
    await resetTeacherPassword(db, { email: "ada@school.example", password: "a brand new passphrase" });
    expect(await findTeacherBySession(db, old.token)).toBeNull();
    await expectAppError(
      signInTeacher(db, { input: { email: "ada@school.example", password: PASSWORD }, ip: "10.0.0.1", env }),
      "INVALID_CREDENTIALS",
      /Wrong/,
    );
    const fresh = await signInTeacher(db, {
      input: { email: "ada@school.example", password: "a brand new passphrase" },
      ip: "10.0.0.1",
      env,
    });
    expect(fresh.token).toBeTruthy();
  });

  it("names an unknown email", async () => {
    await expectAppError(
      resetTeacherPassword(db, { email: "ghost@school.example", password: PASSWORD }),
      "NOT_FOUND",
      /ghost@school.example/,
    );
  });
});
