"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { io } from "socket.io-client";
import type { StudentChoice } from "@/lib/classroom/settings";
import {
  type Ack,
  type CellCheck,
  type CellResult,
  type NetworkWeights,
  type ProgressResume,
  type ProgressUpdate,
  type RunEdit,
  type RunFinish,
  type RunStartResult,
  runEditAckSchema,
  type StudentClassState,
  type StudentControl,
  studentWatchSchema,
} from "@/lib/protocol";
import {
  type Connection,
  createStudentClient,
  NOT_CONNECTED_MESSAGE,
  type StudentClient,
  type StudentClientSnapshot,
  type StudentSocketIo,
  socketIoPort,
  studentSocketOptions,
} from "@/lib/student-client";

export type { Connection };

/** Listeners for what the server says; read through a ref so they may change every render. */
export type ClassSocketListeners = {
  onState: (state: StudentClassState, isReconnect: boolean) => void;
  onControl: (control: StudentControl) => void;
  /** The current run's weights, for the server's one-off request when the teacher snapshots this tile. */
  currentWeights: () => NetworkWeights | null;
};

/** The page's handle on its class socket: lib/student-client's client, as React state. */
export type ClassSocket = {
  connection: Connection;
  /** Finishes the server could not store yet (a database outage): still kept and resent. */
  unsavedFinishes: number;
  /** Approval mode: the class this student waits to be let into; null once in (or never waiting). */
  waiting: StudentClientSnapshot["waiting"];
  startRun(choice: StudentChoice): Promise<Ack<RunStartResult>>;
  sendProgress(update: ProgressUpdate): void;
  finishRun(finish: RunFinish): void;
  resumeRun(resume: ProgressResume): void;
  checkCell(check: CellCheck): Promise<Ack<{ result: CellResult }>>;
  moveToStep(step: number): Promise<Ack<{ state: StudentClassState }>>;
  /** run:edit (acked once stored): one point edit of the current run. */
  editRun(edit: RunEdit): Promise<Ack>;
  /** The teacher watches this student's network (spotlight): send network:weights while true. */
  isWatched: boolean;
  /** network:weights, volatile: the caller keeps it to NETWORK_MIN_INTERVAL_MS. */
  sendNetwork(weights: NetworkWeights): void;
};

/** A run:edit unanswered this long is reported as not saved (the page says so). */
const EDIT_ACK_TIMEOUT_MS = 5_000;

const CONNECTING: StudentClientSnapshot = { connection: { phase: "connecting" }, unsavedFinishes: 0, waiting: null };
const NO_CLIENT = { ok: false, error: { code: "INTERNAL", message: NOT_CONNECTED_MESSAGE } } as const;

/**
 * Connects to the class as a student with the participant token (none: stays "connecting") and
 * renders the client's connection through useSyncExternalStore. The actions are stable.
 */
export function useClassSocket(token: string | null, listeners: ClassSocketListeners): ClassSocket {
  const listenersRef = useRef(listeners);
  listenersRef.current = listeners;
  const clientRef = useRef<StudentClient | null>(null);
  /** Bumped when the client changes, so useSyncExternalStore resubscribes. */
  const subscribersRef = useRef(new Set<() => void>());
  // Issue 15's two events ride the same socket beside lib/student-client's (watch, weights, edits).
  const socketRef = useRef<StudentSocketIo | null>(null);
  const [isWatched, setIsWatched] = useState(false);

  useEffect(() => {
    if (!token) return;
    const socket: StudentSocketIo = io({ path: "/socket.io", ...studentSocketOptions(token) });
    socketRef.current = socket;
    socket.on("student:watch", (payload: unknown) => {
      const parsed = studentWatchSchema.safeParse(payload);
      if (parsed.success) setIsWatched(parsed.data.isWatched);
    });
    // A new connection is told again if it is watched; until then, it is not.
    socket.on("disconnect", () => setIsWatched(false));
    const client = createStudentClient({
      socket: socketIoPort(socket),
      onState: (state, isReconnect) => listenersRef.current.onState(state, isReconnect),
      onControl: (control) => listenersRef.current.onControl(control),
      currentWeights: () => listenersRef.current.currentWeights(),
    });
    clientRef.current = client;
    const notify = () => {
      for (const subscriber of subscribersRef.current) subscriber();
    };
    const unsubscribe = client.subscribe(notify);
    client.start();
    notify();
    return () => {
      unsubscribe();
      clientRef.current = null;
      socketRef.current = null;
      client.close();
      notify();
    };
  }, [token]);

  const subscribe = useCallback((listener: () => void) => {
    subscribersRef.current.add(listener);
    return () => subscribersRef.current.delete(listener);
  }, []);
  const getSnapshot = useCallback(() => clientRef.current?.getSnapshot() ?? CONNECTING, []);
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, () => CONNECTING);

  return {
    connection: snapshot.connection,
    unsavedFinishes: snapshot.unsavedFinishes,
    waiting: snapshot.waiting,
    startRun: useCallback((choice) => clientRef.current?.startRun(choice) ?? Promise.resolve(NO_CLIENT), []),
    sendProgress: useCallback((update) => void clientRef.current?.sendProgress(update), []),
    finishRun: useCallback((finish) => void clientRef.current?.finishRun(finish), []),
    resumeRun: useCallback((resume) => void clientRef.current?.resumeRun(resume), []),
    checkCell: useCallback((check) => clientRef.current?.checkCell(check) ?? Promise.resolve(NO_CLIENT), []),
    moveToStep: useCallback((step) => clientRef.current?.moveToStep(step) ?? Promise.resolve(NO_CLIENT), []),
    editRun: useCallback(async (edit: RunEdit): Promise<Ack> => {
      const socket = socketRef.current;
      if (!socket?.connected) return NO_CLIENT;
      try {
        const response: unknown = await socket.timeout(EDIT_ACK_TIMEOUT_MS).emitWithAck("run:edit", edit);
        const parsed = runEditAckSchema.safeParse(response);
        return parsed.success ? parsed.data : NO_CLIENT;
      } catch {
        return NO_CLIENT;
      }
    }, []),
    isWatched,
    sendNetwork: useCallback((weights: NetworkWeights) => {
      const socket = socketRef.current;
      if (socket?.connected) socket.volatile.emit("network:weights", weights);
    }, []),
  };
}
