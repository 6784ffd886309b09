/**
 * Issue 11 holes 3 and 6 against real PostgreSQL: 30 unknown codes from one address used to lock
 * the right code out for 10 minutes (one student behind a school NAT blocked everyone), and joins
 * per address were unlimited. Now wrong codes slow every attempt from that address (capped), a
 * global budget of unknown codes stops distributed guessing, and joins per address are rate-limited.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { type Env, loadEnv } from "@/server/env";
import { joinClass } from "@/server/participants/join-class";
import { JOIN_FREE_UNKNOWN_CODES } from "@/server/security/limits";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import { createTeacherWithClass } from "../../helpers/realtime";

let database: TestDatabase;
let db: PrismaClient;
let joinCode: string;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
  joinCode = (await createTeacherWithClass(db)).joinCode;
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});
beforeEach(async () => {
  await db.rateLimit.deleteMany();
});

/** A code no class uses (the alphabet has no 0/1, so build one from valid symbols and check). */
async function unknownCode(index: number): Promise<string> {
  const code = `ZZ${String(index).padStart(4, "2").replace(/[01]/g, "9")}`.slice(0, 6);
  expect(await db.classSession.count({ where: { joinCode: code } })).toBe(0);
  return code;
}

let nicknameCounter = 0;
/** One join attempt; `delays` records what it was made to wait instead of waiting. */
async function attempt(code: string, ip: string, env: Env = loadEnv({})) {
  const delays: number[] = [];
  const response = await joinClass(db, {
    input: { code, nickname: `Student ${++nicknameCounter}` },
    ip,
    env,
    sleep: async (ms) => {
      delays.push(ms);
    },
  });
  return { response, delay: delays.reduce((sum, ms) => sum + ms, 0) };
}

describe("join limits a NAT can live with", () => {
  it("hole 3: 40 unknown codes from one address never refuse the right code; they delay it, capped", async () => {
    const env = loadEnv({});
    for (let i = 0; i < 40; i++) {
      const { response } = await attempt(await unknownCode(i), "10.1.0.1");
      expect(response.ok ? null : response.error.code).toBe("NOT_FOUND");
    }
    const right = await attempt(joinCode, "10.1.0.1");
    expect(right.response.ok).toBe(true);
    expect(right.delay).toBe(env.JOIN_DELAY_CAP_MS);
    expect(env.JOIN_DELAY_CAP_MS).toBeLessThanOrEqual(5000);
    // Valid or not, an attempt from that address waits the same: the wait tells nothing.
    expect((await attempt(await unknownCode(99), "10.1.0.1")).delay).toBe(right.delay);
    // Another address is not slowed at all.
    expect((await attempt(joinCode, "10.1.0.2")).delay).toBe(0);
  });

  it("the delay grows with recent unknown codes after a few free ones (a class mistyping is not slowed)", async () => {
    const delays: number[] = [];
    for (let i = 0; i < JOIN_FREE_UNKNOWN_CODES + 5; i++)
      delays.push((await attempt(await unknownCode(i), "10.2.0.1")).delay);
    expect(delays.slice(0, JOIN_FREE_UNKNOWN_CODES).every((ms) => ms === 0)).toBe(true);
    const slowed = delays.slice(JOIN_FREE_UNKNOWN_CODES);
    expect(slowed[0]).toBeGreaterThan(0);
    expect(slowed.every((ms, i) => i === 0 || ms >= (slowed[i - 1] ?? 0))).toBe(true);
    expect(slowed.at(-1)).toBeGreaterThan(slowed[0] ?? 0);
  });

  it("once the global budget of unknown codes is spent, guessing addresses are refused, clean ones still join", async () => {
    const env = loadEnv({ JOIN_UNKNOWN_CODES_PER_MINUTE: "5" });
    for (let i = 0; i < 5; i++) await attempt(await unknownCode(i), `10.3.0.${i + 1}`, env);
    // A guesser, even with a right code: nothing learned.
    const guesser = await attempt(joinCode, "10.3.0.1", env);
    expect(guesser.response).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    const guess = await attempt(await unknownCode(50), "10.3.0.2", env);
    expect(guess.response).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    // An address that never sent a wrong code joins as usual.
    expect((await attempt(joinCode, "10.3.9.9", env)).response.ok).toBe(true);
  });

  it("hole 6: joins per address are limited by JOIN_RATE_PER_IP_PER_MINUTE; other addresses are not", async () => {
    const env = loadEnv({ JOIN_RATE_PER_IP_PER_MINUTE: "3" });
    for (let i = 0; i < 3; i++) expect((await attempt(joinCode, "10.4.0.1", env)).response.ok).toBe(true);
    const fourth = await attempt(joinCode, "10.4.0.1", env);
    expect(fourth.response).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED", message: expect.stringContaining("try again in") },
    });
    expect((await attempt(joinCode, "10.4.0.2", env)).response.ok).toBe(true);
    // A lecture hall of 1,000 behind one NAT gets in within a minute at the default.
    expect(loadEnv({}).JOIN_RATE_PER_IP_PER_MINUTE).toBeGreaterThanOrEqual(1000);
  });
});
