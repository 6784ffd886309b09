import { TAKEAWAY_ERROR, type TakeawayResponse } from "@/lib/protocol";
import type { z } from "@/lib/zod";

/** A take-away request is a token and an id; anything bigger is not one. */
const MAX_BODY_BYTES = 1_024;

/** The take-away routes' answer to a body that is not theirs: 400, nothing read. */
export function invalidBody(message: string): Response {
  return Response.json({ ok: false, error: { code: TAKEAWAY_ERROR.invalid, message } } satisfies TakeawayResponse, {
    status: 400,
    headers: { "cache-control": "no-store" },
  });
}

/**
 * The request's JSON body through `schema`, or the 400 to answer. The token travels in the body
 * (never the URL), so these routes are POST only.
 */
export async function readTokenBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<{ ok: true; data: z.output<Schema> } | { ok: false; response: Response }> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return { ok: false, response: invalidBody("Request too large") };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, response: invalidBody("Body must be JSON") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, response: invalidBody(parsed.error.issues[0]?.message ?? "Invalid body") };
  return { ok: true, data: parsed.data };
}
