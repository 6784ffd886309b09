"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { RunConfig } from "@/lib/classroom/settings";
import type { ProgressResume, ProgressUpdate, RunFinish } from "@/lib/protocol";
import type { PointEdit, PointEditRequest, Speed } from "@/lib/training";
import { type TrainingView, type WorkerRequest, workerEventSchema } from "./worker-protocol";

/** How long a "stop" waits for the Worker's run:finish before going on without it. */
const STOP_TIMEOUT_MS = 1_000;

/** Where the Worker's protocol messages go (the socket). */
export type TrainerSinks = {
  onProgress: (update: ProgressUpdate) => void;
  onFinish: (finish: RunFinish) => void;
  onResume: (resume: ProgressResume) => void;
  /** The Worker applied a point edit at its step: log it and tell the server. */
  onEdited: (runId: string, edit: PointEdit) => void;
};

/** The page's handle on its training Worker. */
export type Trainer = {
  /** The latest view of the current run, or null before the first run. */
  view: TrainingView | null;
  /** A message from the Worker that training failed, or null. */
  error: string | null;
  /** Starts a run; `resumeAtStep` rebuilds a run this page had before a reload and goes on from there. */
  start(
    runId: string,
    config: RunConfig,
    speed: Speed,
    isAutoStart: boolean,
    resumeAtStep?: number,
    edits?: readonly PointEdit[],
  ): void;
  /** Adds or removes a point in the current run; training goes on. */
  edit(edit: PointEditRequest): void;
  train(): void;
  pause(): void;
  step(): void;
  setSpeed(speed: Speed): void;
  /** Ends the current run as "stopped"; resolves once its run:finish was handed to onFinish. */
  stop(): Promise<void>;
  /** Drops the current run without a finish (the server discarded it). */
  discard(): void;
  /** Asks for the run's whole curve so far (onResume), after the socket reconnected. */
  resume(): void;
};

/**
 * Starts the training Worker for this page and keeps the latest view. Messages from the Worker
 * are validated before use; protocol messages go to `sinks` (read through a ref, so the socket
 * may change without restarting the Worker).
 */
export function useTrainer(sinks: TrainerSinks): Trainer {
  const workerRef = useRef<Worker | null>(null);
  const sinksRef = useRef(sinks);
  sinksRef.current = sinks;
  const viewRef = useRef<TrainingView | null>(null);
  const stopWaitersRef = useRef<Array<() => void>>([]);
  const [view, setView] = useState<TrainingView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const worker = new Worker(new URL("./train.worker.ts", import.meta.url), { type: "module" });
    workerRef.current = worker;
    worker.onmessage = (message: MessageEvent<unknown>) => {
      const parsed = workerEventSchema.safeParse(message.data);
      if (!parsed.success) {
        setError("The training worker sent a malformed message.");
        return;
      }
      const event = parsed.data;
      switch (event.type) {
        case "view":
          viewRef.current = event.view;
          setView(event.view);
          return;
        case "progress":
          sinksRef.current.onProgress(event.update);
          return;
        case "resume":
          sinksRef.current.onResume(event.resume);
          return;
        case "edited":
          sinksRef.current.onEdited(event.runId, event.edit);
          return;
        case "finish": {
          sinksRef.current.onFinish(event.finish);
          const waiters = stopWaitersRef.current;
          stopWaitersRef.current = [];
          for (const resolve of waiters) resolve();
          return;
        }
        case "error":
          setError(event.message);
          return;
      }
    };
    worker.onerror = () => setError("The training worker stopped unexpectedly. Reload the page to continue.");
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, []);

  const send = useCallback((request: WorkerRequest) => workerRef.current?.postMessage(request), []);

  return {
    view,
    error,
    start: useCallback<Trainer["start"]>(
      (runId, config, speed, isAutoStart, resumeAtStep, edits) => {
        setError(null);
        send({ type: "start", runId, config, speed, isAutoStart, resumeAtStep, edits: edits ? [...edits] : undefined });
      },
      [send],
    ),
    train: useCallback(() => send({ type: "train" }), [send]),
    edit: useCallback((edit: PointEditRequest) => send({ type: "edit", edit }), [send]),
    pause: useCallback(() => send({ type: "pause" }), [send]),
    step: useCallback(() => send({ type: "step" }), [send]),
    setSpeed: useCallback((speed: Speed) => send({ type: "speed", speed }), [send]),
    stop: useCallback(() => {
      const phase = viewRef.current?.phase;
      if (phase !== "running" && phase !== "paused") return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, STOP_TIMEOUT_MS);
        stopWaitersRef.current.push(() => {
          clearTimeout(timer);
          resolve();
        });
        send({ type: "stop" });
      });
    }, [send]),
    resume: useCallback(() => send({ type: "resume" }), [send]),
    discard: useCallback(() => {
      send({ type: "discard" });
      viewRef.current = viewRef.current ? { ...viewRef.current, phase: "stopped" } : null;
      setView(viewRef.current);
    }, [send]),
  };
}
