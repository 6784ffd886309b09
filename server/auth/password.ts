import { hash, verify } from "@node-rs/argon2";

/** `Algorithm.Argon2id`: the package exports it as a const enum, which isolated modules cannot read. */
const ARGON2ID = 2;

/**
 * OWASP's minimum for argon2id: 19 MiB of memory, 2 iterations, 1 lane.
 * @node-rs/argon2 hashes on libuv's thread pool, so a sign-in never blocks the event loop.
 */
const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19 * 1024, // KiB
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 takes any length, but a cap keeps a 10 MB "password" from costing a hash of it. */
export const PASSWORD_MAX_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    // A malformed stored hash is a failed sign-in, not a crash.
    return false;
  }
}

/**
 * A valid hash of a random password, verified against when the email is unknown, so a
 * sign-in for a missing account takes as long as one with a wrong password.
 */
let dummyHash: Promise<string> | undefined;
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}
