/**
 * The one string schema for text from outside: every socket event, HTTP route, form and query
 * string builds its string fields from {@link storableString}, never `z.string()` (a test scans
 * the sources for stray ones).
 *
 * PostgreSQL cannot store two things a JavaScript string may hold:
 * - NUL (U+0000): a text column refuses it ("invalid byte sequence for encoding UTF8: 0x00"), and
 *   jsonb refuses `\u0000` ("unsupported Unicode escape sequence"). One such row used to fail a
 *   whole batch write, so it is refused here, before it is acked.
 * - A lone surrogate (half of a UTF-16 pair): not text at all, it has no UTF-8 form. jsonb refuses
 *   it; a text column silently turns it into U+FFFD. Refused everywhere rather than only in the
 *   strings bound for a Json column: no keyboard produces one, and one rule cannot be forgotten
 *   when a field later moves into a Json column.
 */
import { z } from "./zod";

/** Shown when a string holds NUL. */
export const NUL_CHARACTER_MESSAGE = "Text must not contain the NUL character (U+0000)";
/** Shown when a string holds half of a UTF-16 surrogate pair. */
export const LONE_SURROGATE_MESSAGE = "Text must not contain a lone surrogate (broken Unicode)";

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when PostgreSQL can store `text` in a text column and inside jsonb. */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

/**
 * `z.string(params)` that refuses NUL and lone surrogates with a clear message; chain `.max()`,
 * `.trim()`, `.regex()` as on any string schema.
 *
 * @example
 * const notes = storableString().max(10_000);
 * notes.safeParse("a\u0000b").success // false: "Text must not contain the NUL character (U+0000)"
 */
export function storableString(params?: Parameters<typeof z.string>[0]) {
  return z
    .string(params)
    .refine((text) => !text.includes("\u0000"), { error: NUL_CHARACTER_MESSAGE, abort: true })
    .refine((text) => !LONE_SURROGATE.test(text), { error: LONE_SURROGATE_MESSAGE, abort: true });
}
