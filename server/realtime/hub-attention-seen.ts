/**
 * attention:seen, the teacher marking one student's attention flag seen: durable before it takes
 * effect. The mark (the flag's level now) is stored first; once the write committed the room
 * applies it and the tile's next frame shows the flag seen. The teacher's ack waits for the
 * write (STORAGE_UNAVAILABLE past the writer's deadline: the write stays queued, and the mark
 * takes effect when it lands).
 */
import { attentionSeenSchema, ERROR_CODE, validate } from "../../lib/protocol";
import { answerAfter, type HandlerResponse } from "./hub-answer";
import type { ControlWrite, HookAnswer, HubHooks, RoomEntry } from "./hub-types";

/**
 * Validates and stores the mark, then applies it to the room.
 *
 * @example
 * markAttentionSeen(entry, hooks, { participantId, kind: "plateau" }); // → Promise<{ ok: true }>
 */
export function markAttentionSeen(entry: RoomEntry, hooks: HubHooks, payload: unknown): HandlerResponse {
  const parsed = validate(attentionSeenSchema, payload);
  if (!parsed.ok) return parsed;
  const { participantId, kind } = parsed.data;
  const room = entry.room;
  if (room.isEnded) return { ok: false, error: { code: ERROR_CODE.classEnded, message: "The session has ended" } };
  if (!room.hasParticipant(participantId))
    return { ok: false, error: { code: ERROR_CODE.notFound, message: "No such participant" } };
  const marks = room.marksAfterSeen(participantId, kind);
  const level = marks?.[kind];
  if (!marks || level === undefined)
    return { ok: false, error: { code: ERROR_CODE.notFound, message: "This student has no such flag now" } };
  let write: ControlWrite | HookAnswer;
  try {
    write = hooks.onAttentionSeen?.(room.classId, [{ participantId, marks }]);
  } catch (error) {
    hooks.onError?.(error);
    return { ok: false, error: { code: ERROR_CODE.internal, message: "Internal error" } };
  }
  if (!write) {
    room.applySeenMark(participantId, kind, level);
    return { ok: true };
  }
  const { committed, answer } = write instanceof Promise ? { committed: write, answer: write } : write;
  void committed.then(
    (outcome) => {
      if (outcome.ok) room.applySeenMark(participantId, kind, level);
    },
    (error: unknown) => hooks.onError?.(error),
  );
  return answerAfter(hooks, answer, { ok: true });
}
