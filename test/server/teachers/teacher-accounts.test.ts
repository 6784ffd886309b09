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
const env = loadEnv({});

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

  /** Signs in with `sleep` recorded instead of waited: the delays the limits ask for. */
  function signInRecording(input: { email: string; password: string }, ip: string, options = env) {
    const delays: number[] = [];
    const result = signInTeacher(db, {
      input,
      ip,
      env: options,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    return { result, delays };
  }

  it("issue 11 hole 4: 50 wrong passwords from one address never lock the teacher out, only slow the next try", async () => {
    let lastDelays: number[] = [];
    for (let attempt = 1; attempt <= 50; attempt++) {
      const { result, delays } = signInRecording(
        { email: "ada@school.example", password: `wrong ${attempt}` },
        "10.0.1.1",
      );
      await expectAppError(result, "INVALID_CREDENTIALS", /Wrong/);
      lastDelays = delays;
    }
    // The attacker's own pair waits the cap; nobody waits longer.
    expect(lastDelays).toEqual([env.SIGNIN_DELAY_CAP_MS]);
    // The teacher from the same address gets in after the capped delay…
    const same = signInRecording({ email: "ada@school.example", password: PASSWORD }, "10.0.1.1");
    await expect(same.result).resolves.toMatchObject({ token: expect.any(String) });
    expect(same.delays).toEqual([env.SIGNIN_DELAY_CAP_MS]);
    // …and from home waits at most the email's cap, which is a few seconds.
    const home = signInRecording({ email: "ada@school.example", password: PASSWORD }, "192.0.2.7");
    await expect(home.result).resolves.toMatchObject({ token: expect.any(String) });
    expect(home.delays).toEqual([env.SIGNIN_EMAIL_DELAY_CAP_MS]);
    expect(env.SIGNIN_EMAIL_DELAY_CAP_MS).toBeLessThanOrEqual(5000);
  });

  it("slows an address that guesses across emails without stopping other teachers behind it for long", async () => {
    for (let attempt = 1; attempt <= 30; attempt++) {
      const input = { email: `guess${attempt}@school.example`, password: "wrong password" };
      await expectAppError(signInRecording(input, "10.9.9.9").result, "INVALID_CREDENTIALS", /Wrong/);
    }
    const colleague = signInRecording({ email: "ada@school.example", password: PASSWORD }, "10.9.9.9");
    await expect(colleague.result).resolves.toMatchObject({ token: expect.any(String) });
    expect(colleague.delays[0]).toBeLessThanOrEqual(env.SIGNIN_EMAIL_DELAY_CAP_MS);
    const elsewhere = signInRecording({ email: "ada@school.example", password: PASSWORD }, "10.9.9.10");
    await expect(elsewhere.result).resolves.toMatchObject({ token: expect.any(String) });
    expect(elsewhere.delays).toEqual([]);
  });

  it("refuses a second sign-in for the same email and address while one is being checked", async () => {
    const input = { email: "ada@school.example", password: PASSWORD };
    let release = () => {};
    // Four failures first, so the next sign-in waits inside its delay.
    for (let attempt = 1; attempt <= 4; attempt++) {
      await expectAppError(
        signInRecording({ email: "ada@school.example", password: "nope nope" }, "10.4.0.1").result,
        "INVALID_CREDENTIALS",
        /Wrong/,
      );
    }
    const waiting = signInTeacher(db, {
      input,
      ip: "10.4.0.1",
      env,
      sleep: () => new Promise<void>((resolve) => (release = resolve)),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expectAppError(signInRecording(input, "10.4.0.1").result, "RATE_LIMITED", /already being checked/);
    release();
    await expect(waiting).resolves.toMatchObject({ token: expect.any(String) });
  });

  it("honours delay caps configured by env", async () => {
    const strict = loadEnv({ SIGNIN_DELAY_CAP_MS: "700", SIGNIN_EMAIL_DELAY_CAP_MS: "100" });
    for (let attempt = 1; attempt <= 8; attempt++) {
      const input = { email: "ada@school.example", password: "wrong password" };
      await expectAppError(signInRecording(input, "10.3.0.1", strict).result, "INVALID_CREDENTIALS", /Wrong/);
    }
    const right = { email: "ada@school.example", password: PASSWORD };
    const again = signInRecording(right, "10.3.0.1", strict);
    await expect(again.result).resolves.toMatchObject({ token: expect.any(String) });
    expect(again.delays).toEqual([700]);
  });
});

describe("sign-up limits", () => {
  it("refuses more than SIGNUPS_PER_IP_PER_HOUR accounts from one address, creating nothing", async () => {
    const origin = { ip: "10.7.0.1", env: loadEnv({ SIGNUPS_PER_IP_PER_HOUR: "2" }) };
    for (const name of ["One", "Two"]) {
      await signUpTeacher(db, { name, email: `${name}@school.example`, password: PASSWORD }, origin);
    }
    await expectAppError(
      signUpTeacher(db, { name: "Three", email: "three@school.example", password: PASSWORD }, origin),
      "RATE_LIMITED",
      /Too many accounts/,
    );
    expect(await db.teacher.count({ where: { email: "three@school.example" } })).toBe(0);
    // Another address is not limited by that one.
    await signUpTeacher(
      db,
      { name: "Four", email: "four@school.example", password: PASSWORD },
      { ...origin, ip: "10.7.0.2" },
    );
  });
});

describe("argon2 slots", () => {
  it("runs at most ARGON2_MAX_CONCURRENT hashes at once and refuses beyond the queue", async () => {
    const { createSlots } = await import("@/server/auth/argon2-slots");
    const slots = createSlots(2, 3);
    let running = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const task = () =>
      slots.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running -= 1;
      });
    const started = Array.from({ length: 5 }, task);
    await expect(task()).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(slots.active).toBe(2);
    expect(slots.queued).toBe(3);
    while (gates.length > 0 || running > 0) {
      gates.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(started);
    expect(peak).toBe(2);
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
