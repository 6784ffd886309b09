"use client";

import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { io } from "socket.io-client";
import type { StudentChoice } from "@/lib/classroom/settings";
import type {
  Ack,
  CellCheck,
  CellResult,
  ProgressResume,
  ProgressUpdate,
  RunFinish,
  RunStartResult,
  StudentClassState,
  StudentControl,
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
};

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

  useEffect(() => {
    if (!token) return;
    const socket: StudentSocketIo = io({ path: "/socket.io", ...studentSocketOptions(token) });
    const client = createStudentClient({
      socket: socketIoPort(socket),
      onState: (state, isReconnect) => listenersRef.current.onState(state, isReconnect),
      onControl: (control) => listenersRef.current.onControl(control),
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
  };
}
