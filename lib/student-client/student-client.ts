/**
 * The one student client: the page (app/play/[code], through a thin React adapter) and the
 * simulator's bots (server/simulator/bot.ts) both talk to the class through it. Framework-free;
 * the socket is injected ({@link StudentSocketPort}), so tests drive it with a fake.
 *
 * It validates everything the server sends, keeps the connection phase (a small external store:
 * `subscribe` + `getSnapshot`, for React's useSyncExternalStore), reconnects where socket.io
 * will not (a middleware refusal, a server-side disconnect), and sends with one retry policy
 * (retry-policy.ts): a finish is kept and resent until the server says it is stored; a request
 * the student waits on is resent a few times on "not now", then its refusal is returned to show.
 */
import type { StudentChoice } from "../classroom/settings";
import {
  type Ack,
  type CellCheck,
  type CellResult,
  cellCheckAckSchema,
  ERROR_CODE,
  lessonStepAckSchema,
  type NetworkAnswer,
  type NetworkWeights,
  networkRequestSchema,
  type ProgressResume,
  type ProgressUpdate,
  type ProtocolError,
  progressResumeAckSchema,
  protocolErrorSchema,
  type RunFinish,
  type RunStartResult,
  runFinishAckSchema,
  runStartAckSchema,
  STUDENT_CONTROL,
  type StudentClassState,
  type StudentControl,
  type StudentWaiting,
  studentClassStateSchema,
  studentControlSchema,
  studentWaitingSchema,
} from "../protocol";
import { type Schedule, timerSchedule } from "../training";
import type { z } from "../zod";
import { createSender } from "./reliable-send";
import { FINAL_CONNECT_CODES, FINISH_DONE_CODES, RETRY_CONNECT_MS, WAITED_REQUEST_ATTEMPTS } from "./retry-policy";
import type { AckedStudentEvent, PortHandlers, StudentSocketPort } from "./socket-port";

/** The socket's state as the student sees it. */
export type Connection = { phase: "connecting" | "connected" | "offline" } | { phase: "closed"; error: ProtocolError };

/** What a UI renders from the client; a new object on every change (useSyncExternalStore). */
export type StudentClientSnapshot = {
  connection: Connection;
  /** Finished runs not stored yet (an answer said so, or none came): kept and resent. */
  unsavedFinishes: number;
  /** Approval mode: the class this student waits to be let into; null once in (or never waiting). */
  waiting: StudentWaiting | null;
};

/** What the client did, for the bots' statistics and tests. */
export type StudentClientEvent =
  | { type: "connected"; isReconnect: boolean }
  | { type: "disconnected"; reason: string }
  /** The transport came back by itself after a loss; "connected" follows once the class accepts. */
  | { type: "reconnected" }
  /** A connection attempt failed; `error` is the server's refusal, null for a transport error. */
  | { type: "connectFailed"; error: ProtocolError | null; message: string }
  /** Every answer to an acked event; a transport that gave up answers `{ ok: false, error: TIMEOUT-like }`. */
  | { type: "answered"; event: AckedStudentEvent; answer: Ack<object>; isAnswered: boolean };

/** Options of {@link createStudentClient}. */
export type StudentClientOptions = {
  socket: StudentSocketPort;
  /** session:state, validated; `isReconnect` after the first one (a reconnect or server restart). */
  onState?: (state: StudentClassState, isReconnect: boolean) => void;
  /** student:control, validated. After "removed" the client closes by itself. */
  onControl?: (control: StudentControl) => void;
  /** An `error` event: the server refused something sent without an ack (progress). */
  onRefused?: (error: ProtocolError) => void;
  /**
   * The current run's weights now (the page's latest view, a bot's driver), read when the server
   * asks once for them (network:request: a teacher snapshots this student's tile). Null or absent:
   * the client answers that it has none. Must be cheap: it runs on the socket's event.
   */
  currentWeights?: () => NetworkWeights | null;
  onEvent?: (event: StudentClientEvent) => void;
  /** Timers, injectable so tests run without waiting. */
  schedule?: Schedule;
  /** [0, 1), for the retry jitter. */
  random?: () => number;
  /** Ids of run:start requests and cell checks; random by default. */
  createRequestId?: () => string;
};

/** The client's API. */
export type StudentClient = ReturnType<typeof createStudentClient>;

/** 16 random bytes as hex: unique per start. crypto.getRandomValues also works outside secure contexts (LAN http). */
const REQUEST_ID_BYTES = 16;
function randomRequestId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(REQUEST_ID_BYTES));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Weights requests answered, remembered by id: a request the server resends (or a replayed
 * packet) is answered once. The server asks at most once per snapshot taken, so a few suffice.
 */
export const ANSWERED_REQUESTS_KEPT = 16;

/** Said when a request the student waits on cannot be sent or was never answered. */
export const NOT_CONNECTED_MESSAGE = "Not connected to the class. Wait a moment and try again.";
const notConnected = (): { ok: false; error: ProtocolError } => ({
  ok: false,
  error: { code: ERROR_CODE.internal, message: NOT_CONNECTED_MESSAGE },
});

/**
 * Creates the client; call `start()` to connect.
 *
 * @example
 * const client = createStudentClient({ socket: socketIoPort(io(url, { ...studentSocketOptions(token) })), onState });
 * client.start(); const answer = await client.startRun({ lr: 0.1 });
 */
export function createStudentClient(options: StudentClientOptions) {
  const { socket } = options;
  const schedule = options.schedule ?? timerSchedule;
  const note = (event: StudentClientEvent) => options.onEvent?.(event);
  const listeners = new Set<() => void>();
  /** Finishes not yet stored, by run id; `isUnsaved` once an answer (or its absence) said so. */
  const finishes = new Map<string, { isUnsaved: boolean }>();
  const sender = createSender({
    socket,
    schedule,
    random: options.random ?? Math.random,
    onAnswer: (event, answer) =>
      note({ type: "answered", event, answer: answer ?? notConnected(), isAnswered: answer !== null }),
  });
  let snapshot: StudentClientSnapshot = { connection: { phase: "connecting" }, unsavedFinishes: 0, waiting: null };
  let hasState = false;
  /** Ids of the weights requests answered, oldest first (at most ANSWERED_REQUESTS_KEPT). */
  const answeredRequests: string[] = [];
  let stopListening: (() => void) | null = null;
  let isClosed = false;

  function publish(next: Partial<StudentClientSnapshot>): void {
    snapshot = { ...snapshot, ...next };
    for (const listener of listeners) listener();
  }

  function countUnsaved(): void {
    const unsavedFinishes = [...finishes.values()].filter((finish) => finish.isUnsaved).length;
    if (unsavedFinishes !== snapshot.unsavedFinishes) publish({ unsavedFinishes });
  }

  function close(error: ProtocolError): void {
    if (isClosed) return;
    isClosed = true;
    sender.stop();
    finishes.clear();
    stopListening?.();
    stopListening = null;
    socket.disconnect();
    publish({ connection: { phase: "closed", error }, unsavedFinishes: 0 });
  }

  /** Reconnects by hand later, where socket.io will not by itself. */
  function reconnectLater(): void {
    void sender.wait(RETRY_CONNECT_MS).then(() => {
      if (!isClosed && !socket.isConnected && !socket.isReconnecting) socket.connect();
    });
  }

  function closedAnswer(): { ok: false; error: ProtocolError } {
    const { connection } = snapshot;
    return { ok: false, error: connection.phase === "closed" ? connection.error : notConnected().error };
  }

  /** A request the student waits on: refused at once while offline, else sent with a few resends. */
  async function waited<T extends object>(
    event: AckedStudentEvent,
    payload: unknown,
    schema: z.ZodType<Ack<T>>,
  ): Promise<Ack<T>> {
    if (isClosed) return closedAnswer();
    if (!socket.isConnected) return notConnected();
    const answer = await sender.send(event, payload, schema, { attempts: WAITED_REQUEST_ATTEMPTS });
    if (isClosed) return closedAnswer();
    return answer ?? notConnected();
  }

  /**
   * network:request: answers once, volatile, with the current run's weights, or with none when the
   * page has none or is on another run than the server asked about (it learns of that run soon).
   */
  function answerWeights(payload: unknown): void {
    const parsed = networkRequestSchema.safeParse(payload);
    if (!parsed.success || !socket.isConnected) return;
    const { requestId, runId } = parsed.data;
    if (answeredRequests.includes(requestId)) return;
    answeredRequests.push(requestId);
    if (answeredRequests.length > ANSWERED_REQUESTS_KEPT) answeredRequests.shift();
    let current: NetworkWeights | null = null;
    try {
      current = options.currentWeights?.() ?? null;
    } catch {
      // A provider that throws has nothing to give; the server is told so instead of waiting.
    }
    const answer: NetworkAnswer =
      current && current.runId === runId
        ? { requestId, runId, step: current.step, weights: current.weights }
        : { requestId, runId, step: 0, weights: null };
    socket.sendVolatile("network:answer", answer);
  }

  function onMessage(event: Parameters<PortHandlers["message"]>[0], payload: unknown): void {
    if (isClosed) return;
    if (event === "network:request") {
      answerWeights(payload);
    } else if (event === "session:state") {
      const parsed = studentClassStateSchema.safeParse(payload);
      if (!parsed.success) return;
      const isReconnect = hasState;
      hasState = true;
      // Admitted (or never waiting): the class view replaces the waiting view.
      if (snapshot.waiting !== null) publish({ waiting: null });
      options.onState?.(parsed.data, isReconnect);
    } else if (event === "session:waiting") {
      const parsed = studentWaitingSchema.safeParse(payload);
      if (parsed.success) publish({ waiting: parsed.data });
    } else if (event === "student:control") {
      const parsed = studentControlSchema.safeParse(payload);
      if (!parsed.success) return;
      options.onControl?.(parsed.data);
      // The server closes a removed student's socket next; don't try to come back.
      if (parsed.data.type === STUDENT_CONTROL.removed)
        close({ code: ERROR_CODE.removed, message: "Your teacher removed you from this class." });
    } else {
      const parsed = protocolErrorSchema.safeParse(payload);
      if (!parsed.success) return;
      // A refused connection is explained by an error event (no `event`) before the server disconnects.
      if (parsed.data.event === undefined && FINAL_CONNECT_CODES.has(parsed.data.code)) close(parsed.data);
      else options.onRefused?.(parsed.data);
    }
  }

  const handlers: PortHandlers = {
    connect() {
      if (isClosed) return;
      note({ type: "connected", isReconnect: hasState });
      publish({ connection: { phase: "connected" } });
    },
    disconnect(reason) {
      if (isClosed) return;
      note({ type: "disconnected", reason });
      publish({ connection: { phase: "offline" } });
      // The server closed us without a reason we know of: socket.io will not reconnect by itself.
      if (reason === "io server disconnect") reconnectLater();
    },
    connectError(message, data) {
      if (isClosed) return;
      const parsed = protocolErrorSchema.safeParse(data);
      const error = parsed.success ? parsed.data : null;
      note({ type: "connectFailed", error, message });
      if (isClosed) return;
      if (error && FINAL_CONNECT_CODES.has(error.code)) return close(error);
      publish({ connection: { phase: "offline" } });
      // A transport error is retried by socket.io; a middleware refusal (say INTERNAL while a
      // restarted server's database wakes up) is not.
      if (!socket.isReconnecting) reconnectLater();
    },
    message: onMessage,
    reconnect() {
      if (!isClosed) note({ type: "reconnected" });
    },
  };

  return {
    /** Listens and connects. Idempotent. */
    start(): void {
      if (isClosed || stopListening) return;
      stopListening = socket.listen(handlers);
      if (!socket.isConnected) socket.connect();
    },
    /** Stops everything: timers, resends, the socket. Idempotent. */
    close(): void {
      close({ code: ERROR_CODE.internal, message: "Left the class." });
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot(): StudentClientSnapshot {
      return snapshot;
    },
    /** Whether a session:state arrived on this client yet. */
    get hasState(): boolean {
      return hasState;
    },
    /**
     * run:start: the server's run id and config, or the refusal to show. Every resend carries the
     * same request id, so a start whose ack was lost never makes a second run.
     */
    startRun(choice: StudentChoice): Promise<Ack<RunStartResult>> {
      const requestId = (options.createRequestId ?? randomRequestId)();
      return waited("run:start", { choice, requestId }, runStartAckSchema);
    },
    /** progress:update, volatile: dropped rather than queued while offline. Returns whether it went. */
    sendProgress(update: ProgressUpdate): boolean {
      if (isClosed || !socket.isConnected) return false;
      socket.sendVolatile("progress:update", update);
      return true;
    },
    /**
     * run:finish, kept and resent (across reconnects, through a database outage) until the
     * server stores it or no longer wants it; resolves with that answer.
     */
    async finishRun(finish: RunFinish): Promise<Ack> {
      if (isClosed) return closedAnswer();
      const entry = { isUnsaved: false };
      finishes.set(finish.runId, entry);
      const markUnsaved = () => {
        entry.isUnsaved = true;
        countUnsaved();
      };
      const answer = await sender.send("run:finish", finish, runFinishAckSchema, {
        attempts: Number.POSITIVE_INFINITY,
        isDone: (error) => FINISH_DONE_CODES.has(error.code),
        onRetry: markUnsaved,
      });
      if (finishes.get(finish.runId) === entry) finishes.delete(finish.runId);
      countUnsaved();
      return answer ?? closedAnswer();
    },
    /**
     * progress:resume after a reconnect, sent once: a lost or refused one is replaced by the next
     * reconnect's (resending an old curve could overwrite newer points). Null when unanswered.
     */
    resumeRun(resume: ProgressResume): Promise<Ack | null> {
      if (isClosed || !socket.isConnected) return Promise.resolve(null);
      return sender.sendOnce("progress:resume", resume, progressResumeAckSchema);
    },
    /** cell:check: the server's count of the cell, or the refusal to show. */
    checkCell(check: CellCheck): Promise<Ack<{ result: CellResult }>> {
      const checkId = check.checkId ?? (options.createRequestId ?? randomRequestId)();
      return waited("cell:check", { ...check, checkId }, cellCheckAckSchema);
    },
    /** lesson:step: the state on the new step, or the refusal to show. */
    moveToStep(step: number): Promise<Ack<{ state: StudentClassState }>> {
      return waited("lesson:step", { step }, lessonStepAckSchema);
    },
  };
}
