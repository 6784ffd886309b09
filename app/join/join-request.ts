/** POST /api/join from the browser, answered in lib/protocol's JoinResponse shape whatever happens. */
import { ERROR_CODE, type JoinResponse, joinResponseSchema } from "@/lib/protocol";

/**
 * Sends the join request. A network failure or an unexpected answer comes back as a failed
 * JoinResponse with a message for the student, never as a thrown error.
 */
export async function requestJoin(code: string, nickname: string): Promise<JoinResponse> {
  let body: unknown;
  try {
    const response = await fetch("/api/join", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code, nickname }),
    });
    body = await response.json();
  } catch {
    return {
      ok: false,
      error: {
        code: ERROR_CODE.invalidPayload,
        message: "Could not reach the class server. Check your connection and try again.",
      },
    };
  }
  const parsed = joinResponseSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  return {
    ok: false,
    error: { code: ERROR_CODE.invalidPayload, message: "The server sent an unexpected answer. Try again." },
  };
}
