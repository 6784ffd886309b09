/** Validation that never throws: every trust boundary calls this and answers failures with an error. */
import type { z } from "../zod";
import { ERROR_CODE, type ProtocolError } from "./events";

/** Issues listed in an error message; the rest are summarized so a bad payload can't bloat the reply. */
const MAX_ISSUES_IN_MESSAGE = 3;

/** The outcome of {@link validate}. */
export type ValidationResult<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

/**
 * Parses `payload` with `schema`. Returns the parsed (normalized) data, or an INVALID_PAYLOAD
 * error naming the first few problems by path. Never throws, whatever the payload.
 *
 * @example
 * const result = validate(progressUpdateSchema, payload);
 * if (!result.ok) return socket.emit("error", result.error);
 */
export function validate<S extends z.ZodType>(schema: S, payload: unknown): ValidationResult<z.output<S>> {
  try {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return { ok: true, data: parsed.data };
    const issues = parsed.error.issues;
    const listed = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join(".") : "payload";
      return `${path}: ${issue.message}`;
    });
    const more = issues.length > MAX_ISSUES_IN_MESSAGE ? ` (+${issues.length - MAX_ISSUES_IN_MESSAGE} more)` : "";
    return { ok: false, error: { code: ERROR_CODE.invalidPayload, message: `${listed.join("; ")}${more}` } };
  } catch {
    // A getter or proxy in the payload can throw during parsing; that is still just a bad payload.
    return { ok: false, error: { code: ERROR_CODE.invalidPayload, message: "payload could not be read" } };
  }
}
