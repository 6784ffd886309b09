import { ERROR_CODE, type JoinResponse } from "@/lib/protocol";
import { getAppContext } from "@/server/context";
import { CLIENT_IP_HEADER } from "@/server/http/client-address";
import { joinClass } from "@/server/participants/join-class";

export const dynamic = "force-dynamic";

/** A join request is two short strings; anything bigger is not a join. */
const MAX_BODY_BYTES = 2_048;

const STATUS_BY_CODE: Record<string, number> = {
  [ERROR_CODE.invalidPayload]: 400,
  [ERROR_CODE.notFound]: 404,
  [ERROR_CODE.classEnded]: 410,
  [ERROR_CODE.joinClosed]: 403,
  [ERROR_CODE.nicknameTaken]: 409,
  [ERROR_CODE.rateLimited]: 429,
};

/**
 * POST /api/join `{ code, nickname }` → `{ ok: true, classId, participantId, token }` or
 * `{ ok: false, error: { code, message }, suggestion? }` (lib/protocol joinResponseSchema).
 * Used by the join pages and by the class simulator.
 */
export async function POST(request: Request): Promise<Response> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES)
    return reply({ ok: false, error: { code: ERROR_CODE.invalidPayload, message: "Request too large" } });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return reply({
      ok: false,
      error: { code: ERROR_CODE.invalidPayload, message: "Body must be JSON: { code, nickname }" },
    });
  }
  const { db, env } = getAppContext();
  const ip = request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
  return reply(await joinClass(db, { input: body, ip, env }));
}

function reply(response: JoinResponse): Response {
  const status = response.ok ? 200 : (STATUS_BY_CODE[response.error.code] ?? 400);
  return Response.json(response, { status, headers: { "cache-control": "no-store" } });
}
