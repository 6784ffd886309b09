/**
 * Join codes: six characters a class reads off a projector and types on a phone. The alphabet
 * leaves out look-alikes (0/O, 1/I/L) so nobody has to ask which one it was.
 */
import { storableString } from "../storable-string";

/** Digits 2–9 and letters without I, L, O: 31 symbols, none confusable with another. */
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** 31^6 ≈ 887 million codes: collisions among live sessions are rare and retried. */
export const JOIN_CODE_LENGTH = 6;
/** Bytes at or above this are rejected so `byte % 31` stays uniform (248 = 8 × 31). */
const UNBIASED_BYTE_LIMIT = 256 - (256 % JOIN_CODE_ALPHABET.length);

/** A source of cryptographic random bytes, e.g. `(n) => crypto.getRandomValues(new Uint8Array(n))`. */
export type RandomBytes = (count: number) => Uint8Array;

/**
 * A uniformly random join code. Uses rejection sampling: bytes that would bias the modulo are
 * thrown away and more are drawn.
 *
 * @example
 * generateJoinCode((n) => crypto.getRandomValues(new Uint8Array(n))) // "K7QX2M"
 */
export function generateJoinCode(randomBytes: RandomBytes): string {
  let code = "";
  while (code.length < JOIN_CODE_LENGTH) {
    // Draw a little more than needed: about 3 % of bytes are rejected.
    const bytes = randomBytes(JOIN_CODE_LENGTH + 2);
    for (const byte of bytes) {
      if (byte >= UNBIASED_BYTE_LIMIT) continue;
      code += JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length];
      if (code.length === JOIN_CODE_LENGTH) break;
    }
  }
  return code;
}

/** Upper-cases and removes spaces and dashes, so "k7q-x2m " matches "K7QX2M". */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-_]/g, "");
}

/** True when `code` (already normalized) could have been generated. */
export function isJoinCode(code: string): boolean {
  if (code.length !== JOIN_CODE_LENGTH) return false;
  for (const char of code) {
    if (!JOIN_CODE_ALPHABET.includes(char)) return false;
  }
  return true;
}

/** Look-alikes the alphabet leaves out, as a student might still type them. */
const LEFT_OUT = /[01ILO]/;

/**
 * What is wrong with a typed code, in words a student can act on (never the raw alphabet), or
 * null when it could be a code.
 *
 * @example joinCodeProblem("K7QX2") // "A join code has 6 characters; this one has 5."
 */
export function joinCodeProblem(code: string): string | null {
  if (code.length === 0) return "Type the join code shown on the projector.";
  if (code.length !== JOIN_CODE_LENGTH)
    return `A join code has ${JOIN_CODE_LENGTH} characters; this one has ${code.length}.`;
  if (LEFT_OUT.test(code)) return "Join codes never use 0, 1, I, L or O: check the code on the projector.";
  if (!isJoinCode(code)) return "A join code has only letters and digits.";
  return null;
}

/** Accepts what a student types (up to 32 chars of input), outputs the normalized code. */
export const joinCodeSchema = storableString()
  .max(32, "A join code has 6 characters.")
  .transform(normalizeJoinCode)
  .superRefine((code, context) => {
    const problem = joinCodeProblem(code);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });
