import { hash, verify } from "@node-rs/argon2";
import { ARGON2_MAX_QUEUED, DEFAULT_ARGON2_MAX_CONCURRENT } from "../security/limits";
import { createSlots } from "./argon2-slots";

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

/**
 * Every hash and verify takes one of these slots (ARGON2_MAX_CONCURRENT): 19 MiB each, so a flood
 * of sign-ins queues, then is refused as busy, instead of exhausting memory.
 */
export const argon2Slots = createSlots(DEFAULT_ARGON2_MAX_CONCURRENT, ARGON2_MAX_QUEUED);

export function hashPassword(password: string): Promise<string> {
  return argon2Slots.run(() => hash(password, ARGON2_OPTIONS));
}

export function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  // Busy (no slot) rejects; a malformed stored hash is a failed sign-in, not a crash.
  return argon2Slots.run(() => verify(storedHash, password).catch(() => false));
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
