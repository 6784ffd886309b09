import { createHash, randomBytes } from "node:crypto";

/** 256 random bits: opaque, unguessable, and only ever stored as a hash. */
const TOKEN_BYTES = 32;

export function createToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/**
 * SHA-256 is enough here (unlike for passwords): the token is random and long, so there is
 * nothing to brute-force; the hash only keeps a database leak from yielding live tokens.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
