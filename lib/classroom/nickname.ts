/**
 * Nicknames: what a student types on the join page and what the teacher's tile shows.
 * Trimmed, 1–24 characters, no control or text-direction characters (which could hide or
 * reorder other students' names on the projector).
 */
import { storableString } from "../storable-string";

/** Fits a dashboard tile at the projector's font size. Counted in code points, not UTF-16 units. */
export const NICKNAME_MAX_LENGTH = 24;
/** Raw input longer than this is refused before trimming, so nobody pastes a novel. */
const NICKNAME_MAX_INPUT = 200;

// Control characters, and the bidi overrides/isolates that can visually reorder a line.
const FORBIDDEN_CHARS = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

/** Counts code points, so an emoji counts as one character. */
function codePointLength(text: string): number {
  return Array.from(text).length;
}

/** Trims, collapses inner whitespace runs to one space and applies Unicode NFC. */
export function cleanNickname(input: string): string {
  return input.normalize("NFC").trim().replace(/\s+/g, " ");
}

/** A nickname as typed; outputs the cleaned nickname. */
export const nicknameSchema = storableString()
  .max(NICKNAME_MAX_INPUT)
  .refine((raw) => !FORBIDDEN_CHARS.test(raw.replace(/[\t\n\r ]/g, " ")), {
    message: "Nickname has control characters",
  })
  .transform(cleanNickname)
  .refine((name) => codePointLength(name) >= 1, { message: "Nickname is empty" })
  .refine((name) => codePointLength(name) <= NICKNAME_MAX_LENGTH, {
    message: `Nickname is longer than ${NICKNAME_MAX_LENGTH} characters`,
  });

/** The comparison key: "Ada" and "ada " clash, so two tiles never read the same. */
export function nicknameKey(nickname: string): string {
  return cleanNickname(nickname).toLocaleLowerCase("en");
}

/** True when `wanted` clashes with one of `taken` (case-insensitive, after cleaning). */
export function isNicknameTaken(taken: Iterable<string>, wanted: string): boolean {
  const key = nicknameKey(wanted);
  for (const name of taken) {
    if (nicknameKey(name) === key) return true;
  }
  return false;
}

/**
 * A free nickname close to `wanted`: `wanted` itself if free, else "Ada 2", "Ada 3", …, cutting
 * the base so the result still fits {@link NICKNAME_MAX_LENGTH}.
 *
 * @example
 * suggestNickname(new Set(["Ada", "Ada 2"]), "ada") // "ada 3"
 */
export function suggestNickname(taken: Iterable<string>, wanted: string): string {
  const keys = new Set(Array.from(taken, nicknameKey));
  const base = cleanNickname(wanted) || "Student";
  if (!keys.has(nicknameKey(base)) && codePointLength(base) <= NICKNAME_MAX_LENGTH) return base;
  for (let suffix = 2; ; suffix++) {
    const tail = ` ${suffix}`;
    const head = Array.from(base)
      .slice(0, NICKNAME_MAX_LENGTH - tail.length)
      .join("")
      .trimEnd();
    const candidate = `${head}${tail}`;
    if (!keys.has(nicknameKey(candidate))) return candidate;
  }
}

/**
 * The name a tile shows when the teacher anonymizes the class. `number` is the participant's
 * join order, so "Student 7" stays the same student all session.
 */
export function anonymousName(number: number): string {
  return `Student ${number}`;
}
