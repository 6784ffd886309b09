/**
 * The teacher socket's two small moves, in one place for every feed (use-class-feed.ts,
 * challenge-feed.ts, compare-feed.ts): send an acked event and resolve with its ack validated
 * with lib/protocol (never rejects: offline, a timeout and an unreadable answer are failed acks),
 * and listen for a server event, passing on only payloads its schema accepts.
 */
import type { Socket } from "socket.io-client";
import {
  type Ack,
  ERROR_CODE,
  type TeacherClientToServerEvents,
  type TeacherServerToClientEvents,
  validate,
} from "@/lib/protocol";
import type { z } from "@/lib/zod";

export type TeacherSocket = Socket<TeacherServerToClientEvents, TeacherClientToServerEvents>;

/** The failed acks the page shows in words when the server's answer is not there to show. */
export const ACK_FAILURE = {
  offline: "Not connected to the class; try again in a moment",
  timeout: "The server did not answer in time",
  unreadable: "Unreadable answer from the server",
} as const;

type AckedEvent = keyof TeacherClientToServerEvents;
type Payload<E extends AckedEvent> = Parameters<TeacherClientToServerEvents[E]>[0];
type AckListener = (error: Error | null, raw: unknown) => void;

function failed(message: string): { ok: false; error: { code: typeof ERROR_CODE.internal; message: string } } {
  return { ok: false, error: { code: ERROR_CODE.internal, message } };
}

/**
 * Emits `event` with `payload` and resolves with the ack `schema` accepts, or a failed ack after
 * `timeoutMs` without an answer, or at once when the socket is not connected. Never rejects.
 *
 * @example const ack = await emitAcked<Ack>(socket, TEACHER_EVENTS.classControl, command, classControlAckSchema, 5000);
 */
export function emitAcked<A extends Ack<object>, E extends AckedEvent = AckedEvent>(
  socket: TeacherSocket | null,
  event: E,
  payload: Payload<E>,
  schema: z.ZodType,
  timeoutMs: number,
): Promise<A> {
  if (!socket?.connected) return Promise.resolve(failed(ACK_FAILURE.offline) as A);
  return new Promise((resolve) => {
    const onAck: AckListener = (error, raw) => {
      if (error) return resolve(failed(ACK_FAILURE.timeout) as A);
      const parsed = validate(schema, raw);
      resolve(parsed.ok ? (parsed.data as A) : (failed(ACK_FAILURE.unreadable) as A));
    };
    // socket.io's typed emit cannot match a generic event name to its payload; the signature above does.
    const timed = socket.timeout(timeoutMs) as unknown as {
      emit(event: E, payload: Payload<E>, ack: AckListener): void;
    };
    timed.emit(event, payload, onAck);
  });
}

/** Calls `onValid` with every payload of `event` that `schema` accepts; a malformed one is ignored. */
export function listenValid<S extends z.ZodType>(
  socket: TeacherSocket,
  event: keyof TeacherServerToClientEvents,
  schema: S,
  onValid: (data: z.output<S>) => void,
): void {
  // As with emit: socket.io's typed on cannot take a generic event name.
  const untyped = socket as unknown as { on(event: string, listener: (raw: unknown) => void): void };
  untyped.on(event, (raw) => {
    const parsed = validate(schema, raw);
    if (parsed.ok) onValid(parsed.data);
  });
}
