import { TAKEAWAY_ERROR, type TakeawayResponse, takeawayRequestSchema } from "@/lib/protocol";
import { getAppContext } from "@/server/context";
import { getTakeaway } from "@/server/participants/get-takeaway";
import { readTokenBody } from "./read-token-body";

export const dynamic = "force-dynamic";

const MESSAGES = {
  [TAKEAWAY_ERROR.gone]: "This class is no longer on the server: the teacher deleted the session, with its runs.",
  [TAKEAWAY_ERROR.removed]: "You were removed from this class.",
} as const;
const PRIVATE = { "cache-control": "private, no-store" } as const;

/**
 * POST /api/takeaway `{ token }` → `{ ok: true, takeaway }`: the student's own runs (figures,
 * curves, final maps), cells and the Python to use their weights with; 404 NOT_FOUND when the
 * session was deleted, 403 REMOVED, 400 INVALID_PAYLOAD. Read-only; works during and after class.
 */
export async function POST(request: Request): Promise<Response> {
  const body = await readTokenBody(request, takeawayRequestSchema);
  if (!body.ok) return body.response;
  const result = await getTakeaway(getAppContext().db, body.data.token);
  if (result.ok) return Response.json(result satisfies TakeawayResponse, { headers: PRIVATE });
  const status = result.code === TAKEAWAY_ERROR.removed ? 403 : 404;
  return Response.json(
    { ok: false, error: { code: result.code, message: MESSAGES[result.code] } } satisfies TakeawayResponse,
    { status, headers: PRIVATE },
  );
}
