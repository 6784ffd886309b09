"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { StudentChoice } from "@/lib/classroom/settings";
import {
  type Ack,
  type CellCheck,
  type CellResult,
  cellCheckAckSchema,
  ERROR_CODE,
  type ErrorCode,
  lessonStepAckSchema,
  type NetworkWeights,
  PROTOCOL_VERSION,
  type ProgressResume,
  type ProgressUpdate,
  type ProtocolError,
  protocolErrorSchema,
  RECONNECT_DELAY_MAX_MS,
  RECONNECT_OPTIONS,
  ROLE,
  type RunEdit,
  type RunFinish,
  type RunStartResult,
  runEditAckSchema,
  runFinishAckSchema,
  runStartAckSchema,
  type StudentClassState,
  type StudentClientToServerEvents,
  type StudentControl,
  type StudentServerToClientEvents,
  studentClassStateSchema,
  studentControlSchema,
  studentWatchSchema,
} from "@/lib/protocol";

type StudentSocket = Socket<StudentServerToClientEvents, StudentClientToServerEvents>;

/** A reliable message unanswered this long is retried (run:finish) or reported (run:start). */
const ACK_TIMEOUT_MS = 5_000;
/** After a refused connection for a passing reason (server restarting), try again this much later. */
const RETRY_CONNECT_MS = RECONNECT_DELAY_MAX_MS;
/** Refusals that will not change by retrying: the page shows them and stops. */
const FINAL_CODES: ReadonlySet<ErrorCode> = new Set([
  ERROR_CODE.notFound,
  ERROR_CODE.removed,
  ERROR_CODE.classEnded,
  ERROR_CODE.versionMismatch,
  ERROR_CODE.invalidPayload,
]);
/** Finish answers after which retrying is pointless: accepted, or the server no longer wants it. */
const FINISH_DONE_CODES: ReadonlySet<ErrorCode> = new Set([
  ERROR_CODE.staleRun,
  ERROR_CODE.invalidPayload,
  ERROR_CODE.removed,
  ERROR_CODE.classEnded,
]);

/** The socket's state as the page shows it. */
export type Connection = { phase: "connecting" | "connected" | "offline" } | { phase: "closed"; error: ProtocolError };

/** Listeners for what the server says; read through a ref so they may change every render. */
export type ClassSocketListeners = {
  onState: (state: StudentClassState, isReconnect: boolean) => void;
  onControl: (control: StudentControl) => void;
};

/** The page's handle on its class socket. */
export type ClassSocket = {
  connection: Connection;
  /** run:start; resolves with the server's run id and config, or its error. */
  startRun(choice: StudentChoice): Promise<Ack<RunStartResult>>;
  /** progress:update, volatile: dropped rather than queued while offline. */
  sendProgress(update: ProgressUpdate): void;
  /** run:finish, reliable: kept and re-sent until the server answers it is stored, across reconnects. */
  finishRun(finish: RunFinish): void;
  /** Finishes the server said it could not store yet (a database outage): still kept and re-sent. */
  unsavedFinishes: number;
  /** progress:resume after a reconnect (acked); a lost one is replaced by the next reconnect's. */
  resumeRun(resume: ProgressResume): void;
  /** cell:check (acked): a chapter cell's result; resolves with the server's count of it. */
  checkCell(check: CellCheck): Promise<Ack<{ result: CellResult }>>;
  /** lesson:step (acked): moves to another lesson step; resolves with the state on it, or the refusal. */
  moveToStep(step: number): Promise<Ack<{ state: StudentClassState }>>;
  /** run:edit (acked once stored): one point edit of the current run. */
  editRun(edit: RunEdit): Promise<Ack>;
  /** The teacher watches this student's network (spotlight): send network:weights while true. */
  isWatched: boolean;
  /** network:weights, volatile: the caller keeps it to NETWORK_MIN_INTERVAL_MS. */
  sendNetwork(weights: NetworkWeights): void;
};

/**
 * Connects to the class as a student (auth: protocol version, role, participant token), validates
 * everything the server sends, and gives the page run:start, progress and run:finish.
 */
export function useClassSocket(token: string | null, listeners: ClassSocketListeners): ClassSocket {
  const socketRef = useRef<StudentSocket | null>(null);
  const listenersRef = useRef(listeners);
  listenersRef.current = listeners;
  /**
   * Finishes not yet acknowledged, by run id; `isInFlight` while an emit awaits its ack,
   * `isUnsaved` once an answer said it is not stored (STORAGE_UNAVAILABLE, or no answer).
   */
  const pendingFinishesRef = useRef(new Map<string, { finish: RunFinish; isInFlight: boolean; isUnsaved: boolean }>());
  const [connection, setConnection] = useState<Connection>({ phase: "connecting" });
  const [unsavedFinishes, setUnsavedFinishes] = useState(0);
  const [isWatched, setIsWatched] = useState(false);

  const flushFinishes = useCallback(() => {
    const socket = socketRef.current;
    if (!socket?.connected) return;
    for (const [runId, pending] of pendingFinishesRef.current) {
      if (pending.isInFlight) continue;
      pending.isInFlight = true;
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emit("run:finish", pending.finish, (timeoutError: Error | null, response: unknown) => {
          pending.isInFlight = false;
          const parsed = timeoutError ? null : runFinishAckSchema.safeParse(response);
          const isDone = parsed?.success && (parsed.data.ok || FINISH_DONE_CODES.has(parsed.data.error.code));
          if (isDone) pendingFinishesRef.current.delete(runId);
          else {
            pending.isUnsaved = true;
            if (socket.connected) setTimeout(flushFinishes, ACK_TIMEOUT_MS);
          }
          setUnsavedFinishes([...pendingFinishesRef.current.values()].filter((p) => p.isUnsaved).length);
        });
    }
  }, []);

  useEffect(() => {
    if (!token) return;
    const socket: StudentSocket = io({
      path: "/socket.io",
      auth: { v: PROTOCOL_VERSION, role: ROLE.student, token },
      ...RECONNECT_OPTIONS,
    });
    socketRef.current = socket;
    let hasConnected = false;
    let isClosed = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const close = (error: ProtocolError) => {
      isClosed = true;
      setConnection({ phase: "closed", error });
      socket.disconnect();
    };

    socket.on("connect", () => {
      setConnection({ phase: "connected" });
      flushFinishes();
    });
    socket.on("session:state", (payload: unknown) => {
      const parsed = studentClassStateSchema.safeParse(payload);
      if (!parsed.success) return;
      listenersRef.current.onState(parsed.data, hasConnected);
      hasConnected = true;
    });
    socket.on("student:control", (payload: unknown) => {
      const parsed = studentControlSchema.safeParse(payload);
      if (!parsed.success) return;
      listenersRef.current.onControl(parsed.data);
      // The server closes a removed student's socket next; don't try to come back.
      if (parsed.data.type === "removed")
        close({ code: ERROR_CODE.removed, message: "Your teacher removed you from this class." });
    });
    socket.on("student:watch", (payload: unknown) => {
      const parsed = studentWatchSchema.safeParse(payload);
      if (parsed.success) setIsWatched(parsed.data.isWatched);
    });
    // A new connection is told again if it is watched; until then, it is not.
    socket.on("disconnect", () => setIsWatched(false));
    socket.on("error", (payload: unknown) => {
      const parsed = protocolErrorSchema.safeParse(payload);
      // A refused connection is explained by an error event before the server disconnects.
      if (parsed.success && FINAL_CODES.has(parsed.data.code) && parsed.data.event === undefined) close(parsed.data);
    });
    socket.on("connect_error", (error: Error & { data?: unknown }) => {
      const parsed = protocolErrorSchema.safeParse(error.data);
      if (parsed.success && FINAL_CODES.has(parsed.data.code)) return close(parsed.data);
      setConnection({ phase: "offline" });
      // A middleware refusal is not retried by socket.io itself; a transport error is.
      if (!socket.active) retryTimer = setTimeout(() => socket.connect(), RETRY_CONNECT_MS);
    });
    socket.on("disconnect", (reason) => {
      if (isClosed) return;
      setConnection({ phase: "offline" });
      // The server closed us without a reason we know of: reconnect by hand (socket.io will not).
      if (reason === "io server disconnect") retryTimer = setTimeout(() => socket.connect(), RETRY_CONNECT_MS);
    });
    return () => {
      isClosed = true;
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [token, flushFinishes]);

  const startRun = useCallback(async (choice: StudentChoice): Promise<Ack<RunStartResult>> => {
    const socket = socketRef.current;
    if (!socket?.connected) return offline();
    try {
      const response: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("run:start", { choice });
      const parsed = runStartAckSchema.safeParse(response);
      if (parsed.success) return parsed.data;
      return { ok: false, error: { code: ERROR_CODE.internal, message: "The server sent an unexpected answer" } };
    } catch {
      return offline();
    }
  }, []);

  const sendProgress = useCallback((update: ProgressUpdate) => {
    const socket = socketRef.current;
    if (socket?.connected) socket.volatile.emit("progress:update", update);
  }, []);

  const resumeRun = useCallback((resume: ProgressResume) => {
    const socket = socketRef.current;
    // Offline again already: the next reconnect asks the Worker for a fresh one.
    if (socket?.connected) socket.timeout(ACK_TIMEOUT_MS).emit("progress:resume", resume, () => {});
  }, []);

  const finishRun = useCallback(
    (finish: RunFinish) => {
      pendingFinishesRef.current.set(finish.runId, { finish, isInFlight: false, isUnsaved: false });
      flushFinishes();
    },
    [flushFinishes],
  );

  const checkCell = useCallback(async (check: CellCheck): Promise<Ack<{ result: CellResult }>> => {
    const socket = socketRef.current;
    if (!socket?.connected) return offline();
    try {
      const response: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("cell:check", check);
      const parsed = cellCheckAckSchema.safeParse(response);
      if (parsed.success) return parsed.data;
      return { ok: false, error: { code: ERROR_CODE.internal, message: "The server sent an unexpected answer" } };
    } catch {
      return offline();
    }
  }, []);

  const moveToStep = useCallback(async (step: number): Promise<Ack<{ state: StudentClassState }>> => {
    const socket = socketRef.current;
    if (!socket?.connected) return offline();
    try {
      const response: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("lesson:step", { step });
      const parsed = lessonStepAckSchema.safeParse(response);
      if (parsed.success) return parsed.data;
      return { ok: false, error: { code: ERROR_CODE.internal, message: "The server sent an unexpected answer" } };
    } catch {
      return offline();
    }
  }, []);

  const editRun = useCallback(async (edit: RunEdit): Promise<Ack> => {
    const socket = socketRef.current;
    if (!socket?.connected) return offline();
    try {
      const response: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("run:edit", edit);
      const parsed = runEditAckSchema.safeParse(response);
      if (parsed.success) return parsed.data;
      return { ok: false, error: { code: ERROR_CODE.internal, message: "The server sent an unexpected answer" } };
    } catch {
      return offline();
    }
  }, []);

  const sendNetwork = useCallback((weights: NetworkWeights) => {
    const socket = socketRef.current;
    if (socket?.connected) socket.volatile.emit("network:weights", weights);
  }, []);

  return {
    connection,
    startRun,
    sendProgress,
    finishRun,
    unsavedFinishes,
    resumeRun,
    checkCell,
    moveToStep,
    isWatched,
    sendNetwork,
    editRun,
  };
}

function offline(): { ok: false; error: ProtocolError } {
  return {
    ok: false,
    error: { code: ERROR_CODE.internal, message: "Not connected to the class. Wait a moment and try again." },
  };
}
