/**
 * A bot joins like the join form does: POST /api/join { code, nickname }. On a nickname clash it
 * takes the server's suggestion, as a student would.
 */
import { ERROR_CODE, type JoinResponse, joinResponseSchema } from "../../lib/protocol";

/** "Bot 3" taken, "Bot 3 2" taken…: a few tries, then the class is not worth joining. */
const MAX_NICKNAME_ATTEMPTS = 5;
/** A join is one small database transaction; 15 s means the server is down or drowning. */
const JOIN_TIMEOUT_MS = 15_000;
/**
 * A join that got no answer is tried again, as a student presses Join again: a lecture hall's
 * server can be too busy to answer one in time (issue 13: 10 of 1,000 bots gave up and the load
 * run could not start). Then the class is not worth joining.
 */
export const JOIN_NETWORK_ATTEMPTS = 4;
/** Wait before the next try, times the attempt number. */
const JOIN_RETRY_MS = 2_000;

/** A joined participant: what the browser keeps in localStorage. */
export type JoinedParticipant = { classId: string; participantId: string; token: string; nickname: string };

/** Why a join failed, with the protocol's error code (e.g. NOT_FOUND for a wrong code). */
export class JoinError extends Error {
  override name = "JoinError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** No answer at all (timed out, refused): worth another try, unlike a wrong answer. */
class UnansweredJoinError extends JoinError {
  constructor(message: string) {
    super("NETWORK", message);
  }
}

/** `fetch`, injectable for tests. */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Joins the class with `code` as `nickname` (or the suggested free one).
 *
 * @throws JoinError with the server's code and message, or code "NETWORK" when it cannot be reached.
 * @example const joined = await joinClassOverHttp("http://localhost:3000", "ABC234", "Bot 1");
 */
export async function joinClassOverHttp(
  url: string,
  code: string,
  nickname: string,
  fetchFn: Fetch = fetch,
  retryMs = JOIN_RETRY_MS,
): Promise<JoinedParticipant> {
  let wanted = nickname;
  for (let attempt = 0; attempt < MAX_NICKNAME_ATTEMPTS; attempt++) {
    const response = await postWithRetries(url, { code, nickname: wanted }, fetchFn, retryMs);
    if (response.ok)
      return {
        classId: response.classId,
        participantId: response.participantId,
        token: response.token,
        nickname: wanted,
      };
    const { error, suggestion } = response;
    if (error.code !== ERROR_CODE.nicknameTaken || !suggestion) throw new JoinError(error.code, error.message);
    wanted = suggestion;
  }
  throw new JoinError(ERROR_CODE.nicknameTaken, `No free nickname near "${nickname}"`);
}

/**
 * {@link post}, tried again when the server did not answer (a timeout, a refused connection). A
 * join that landed but whose answer was lost makes the retry meet its own nickname: the server's
 * suggestion is then taken, as on any clash.
 */
async function postWithRetries(
  url: string,
  body: { code: string; nickname: string },
  fetchFn: Fetch,
  retryMs: number,
): Promise<JoinResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await post(url, body, fetchFn);
    } catch (error) {
      if (!(error instanceof UnansweredJoinError) || attempt >= JOIN_NETWORK_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryMs * attempt));
    }
  }
}

async function post(url: string, body: { code: string; nickname: string }, fetchFn: Fetch): Promise<JoinResponse> {
  let response: Response;
  try {
    response = await fetchFn(`${url}/api/join`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(JOIN_TIMEOUT_MS),
    });
  } catch (error) {
    throw new UnansweredJoinError(`Cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new JoinError("NETWORK", `${url}/api/join answered ${response.status} without JSON`);
  }
  const parsed = joinResponseSchema.safeParse(json);
  if (!parsed.success)
    throw new JoinError("NETWORK", `${url}/api/join answered ${response.status} with an unexpected body`);
  return parsed.data;
}
