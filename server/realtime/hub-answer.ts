/** How a handler answers: after the write its hook started, so that `{ ok: true }` means durable. */
import { ERROR_CODE, type ProtocolError } from "../../lib/protocol";
import type { HookAnswer, HubHooks } from "./hub-types";
import type { RoomResult } from "./room-state";

/**
 * What to answer: an ack-shaped response, or null when nothing needs saying (accepted progress);
 * a promise when the answer waits for a write.
 */
export type HandlerResponse = RoomResult<Record<string, unknown>> | null | Promise<RoomResult<Record<string, unknown>>>;

/**
 * `success` once the hook's write settled (at once when it returned nothing); a failed write's
 * answer replaces it, so `{ ok: true }` always means durable.
 */
export function answerAfter<T extends object>(
  hooks: HubHooks,
  answer: HookAnswer,
  success: RoomResult<T>,
): RoomResult<T> | Promise<RoomResult<T>> {
  if (!answer) return success;
  return answer.then(
    (outcome) => (outcome.ok ? success : outcome),
    (error: unknown) => {
      hooks.onError?.(error);
      return { ok: false, error: { code: ERROR_CODE.internal, message: "Internal error" } };
    },
  );
}

/**
 * The answer to a new durable row while storage is behind (HubHooks.isStorageBusy): "not now",
 * which every client already keeps and resends with backoff (lib/student-client retry-policy).
 */
export const STORAGE_BUSY: { ok: false; error: ProtocolError } = {
  ok: false,
  error: {
    code: ERROR_CODE.storageUnavailable,
    message: "The server is busy storing the class's results: yours is kept and will be sent again.",
  },
};

/** {@link STORAGE_BUSY} when storage is behind, else null (go ahead). */
export function refuseWhenBusy(hooks: HubHooks): typeof STORAGE_BUSY | null {
  try {
    return hooks.isStorageBusy?.() ? STORAGE_BUSY : null;
  } catch (error) {
    hooks.onError?.(error);
    return null;
  }
}
