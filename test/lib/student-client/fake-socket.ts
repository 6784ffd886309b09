/** A fake student socket and a hand-driven clock: the student client's tests run with no network. */
import { defaultSessionSettings, resolveRunConfig } from "@/lib/classroom/settings";
import { PROTOCOL_VERSION, type StudentClassState } from "@/lib/protocol";
import type { AckedStudentEvent, PortHandlers, StudentSocketPort } from "@/lib/student-client";
import type { Schedule } from "@/lib/training";

/** One acked message the client sent, with the means to answer it or let it be lost. */
export type SentRequest = {
  event: AckedStudentEvent;
  payload: unknown;
  answer(response: unknown): void;
  /** socket.io gave up on it (ackTimeout × retries). */
  lose(): void;
};

/** A socket the test plays the server and the network for. */
export function createFakeSocket() {
  let handlers: PortHandlers | null = null;
  const requests: SentRequest[] = [];
  const volatile: unknown[] = [];
  /** Every volatile send with its event name, in order. */
  const volatileSent: { event: string; payload: unknown }[] = [];
  const calls = { connect: 0, disconnect: 0 };
  const state = { isConnected: false, isReconnecting: true };
  const port: StudentSocketPort = {
    get isConnected() {
      return state.isConnected;
    },
    get isReconnecting() {
      return state.isReconnecting;
    },
    listen(next) {
      handlers = next;
      return () => {
        handlers = null;
      };
    },
    request(event, payload, callback) {
      requests.push({
        event,
        payload,
        answer: (response) => callback(null, response),
        lose: () => callback(new Error("timeout")),
      });
    },
    sendVolatile(event, payload) {
      volatile.push(payload);
      volatileSent.push({ event, payload });
    },
    connect() {
      calls.connect++;
    },
    disconnect() {
      calls.disconnect++;
      state.isConnected = false;
      state.isReconnecting = false;
    },
  };
  return {
    port,
    requests,
    volatile,
    volatileSent,
    calls,
    get isListening() {
      return handlers !== null;
    },
    /** The server accepted the connection and greets with `greeting`. */
    accept(greeting: StudentClassState = classState()) {
      state.isConnected = true;
      state.isReconnecting = true;
      handlers?.connect();
      handlers?.message("session:state", greeting);
    },
    drop(reason = "transport close", isReconnecting = true) {
      state.isConnected = false;
      state.isReconnecting = isReconnecting;
      handlers?.disconnect(reason);
    },
    /** A refused connection: socket.io's `connect_error` with the server's `data`. */
    refuse(data: unknown, isReconnecting = false) {
      state.isConnected = false;
      state.isReconnecting = isReconnecting;
      handlers?.connectError("refused", data);
    },
    send(event: "session:state" | "student:control" | "network:request" | "error", payload: unknown) {
      handlers?.message(event, payload);
    },
  };
}

/** A clock the test moves by hand; `schedule` is the client's timer. */
export function createManualClock() {
  let now = 0;
  const timers: { at: number; callback: () => void; isCancelled: boolean }[] = [];
  const schedule: Schedule = (callback, delayMs) => {
    const timer = { at: now + delayMs, callback, isCancelled: false };
    timers.push(timer);
    return () => {
      timer.isCancelled = true;
    };
  };
  return {
    schedule,
    /** Moves time on, firing due timers in order, with the promise jobs they start settled between. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        await settle();
        const due = timers.filter((timer) => !timer.isCancelled && timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        due.isCancelled = true;
        due.callback();
      }
      now = until;
      await settle();
    },
    get pending() {
      return timers.filter((timer) => !timer.isCancelled).length;
    },
  };
}

/** Lets every queued promise job run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A valid session:state. */
export function classState(overrides: Partial<StudentClassState> = {}): StudentClassState {
  const settings = defaultSessionSettings();
  return {
    v: PROTOCOL_VERSION,
    classId: "class_1",
    title: "Stacking layers",
    participant: { id: "p_1", nickname: "Ada", number: 1 },
    settings,
    isPaused: false,
    isEnded: false,
    generation: 0,
    run: null,
    lastRun: null,
    cells: [],
    lesson: null,
    group: null,
    ...overrides,
  };
}

/** A valid run:start answer. */
export function runStarted(runId = "run_1") {
  return { ok: true, runId, config: resolveRunConfig(defaultSessionSettings(), {}), generation: 0 };
}

/** A failed ack with `code`. */
export function refusal(code: string, message = code) {
  return { ok: false, error: { code, message } };
}
