import { describe, expect, it } from "vitest";
import {
  ACK_FAILURE,
  emitAcked,
  listenValid,
  type TeacherSocket,
} from "@/app/teacher/sessions/[id]/_lib/teacher-socket";
import { classControlAckSchema, ERROR_CODE, protocolErrorSchema, SERVER_EVENTS, TEACHER_EVENTS } from "@/lib/protocol";

type AckListener = (error: Error | null, raw: unknown) => void;

/** A socket that records what is emitted and answers each emit with `answer` (none: never answers). */
function fakeSocket(connected: boolean, answer?: Parameters<AckListener>) {
  const emitted: { event: string; payload: unknown; timeoutMs: number }[] = [];
  const listeners = new Map<string, (raw: unknown) => void>();
  const socket = {
    connected,
    timeout: (timeoutMs: number) => ({
      emit(event: string, payload: unknown, ack: AckListener) {
        emitted.push({ event, payload, timeoutMs });
        if (answer) ack(...answer);
      },
    }),
    on(event: string, listener: (raw: unknown) => void) {
      listeners.set(event, listener);
    },
  };
  return { socket: socket as unknown as TeacherSocket, emitted, listeners };
}

const pause = { type: "pauseAll" } as const;

describe("emitAcked", () => {
  it("resolves with the validated ack and sends the event with its payload and timeout", async () => {
    const { socket, emitted } = fakeSocket(true, [null, { ok: true }]);
    const ack = await emitAcked(socket, TEACHER_EVENTS.classControl, pause, classControlAckSchema, 5000);
    expect(ack).toEqual({ ok: true });
    expect(emitted).toEqual([{ event: TEACHER_EVENTS.classControl, payload: pause, timeoutMs: 5000 }]);
  });

  it("passes the server's refusal on as it came", async () => {
    const refusal = { ok: false, error: { code: ERROR_CODE.forbidden, message: "Not your class" } };
    const { socket } = fakeSocket(true, [null, refusal]);
    expect(await emitAcked(socket, TEACHER_EVENTS.classControl, pause, classControlAckSchema, 5000)).toEqual(refusal);
  });

  it("fails without sending when the socket is not connected (or there is none)", async () => {
    const { socket, emitted } = fakeSocket(false, [null, { ok: true }]);
    const offline = { ok: false, error: { code: ERROR_CODE.internal, message: ACK_FAILURE.offline } };
    expect(await emitAcked(socket, TEACHER_EVENTS.classControl, pause, classControlAckSchema, 5000)).toEqual(offline);
    expect(await emitAcked(null, TEACHER_EVENTS.classControl, pause, classControlAckSchema, 5000)).toEqual(offline);
    expect(emitted).toEqual([]);
  });

  it("turns a timeout and an unreadable answer into failed acks", async () => {
    const timedOut = fakeSocket(true, [new Error("operation has timed out"), undefined]).socket;
    expect(await emitAcked(timedOut, TEACHER_EVENTS.classControl, pause, classControlAckSchema, 5000)).toEqual({
      ok: false,
      error: { code: ERROR_CODE.internal, message: ACK_FAILURE.timeout },
    });
    const garbled = fakeSocket(true, [null, { ok: "yes" }]).socket;
    expect(await emitAcked(garbled, TEACHER_EVENTS.classControl, pause, classControlAckSchema, 5000)).toEqual({
      ok: false,
      error: { code: ERROR_CODE.internal, message: ACK_FAILURE.unreadable },
    });
  });
});

describe("listenValid", () => {
  it("passes on payloads the schema accepts and ignores the rest", () => {
    const { socket, listeners } = fakeSocket(true);
    const heard: unknown[] = [];
    listenValid(socket, SERVER_EVENTS.error, protocolErrorSchema, (error) => heard.push(error));
    const listener = listeners.get(SERVER_EVENTS.error);
    const error = { code: ERROR_CODE.notFound, message: "No such class" };
    listener?.({ code: 42 });
    listener?.(error);
    listener?.(null);
    expect(heard).toEqual([error]);
  });
});
