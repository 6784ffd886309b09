"use client";

/**
 * The snapshot tray and the class consensus as the teacher socket last sent them (issue 16), in a
 * small external store beside the class store: both change rarely (the tray on a command, the
 * consensus at most once a second), and only the components that show them re-render.
 */
import { useSyncExternalStore } from "react";
import type { TeacherConsensus, TeacherTray } from "@/lib/protocol";

/** The store: latest values, a setter each, one subscription. */
export type CompareStore = ReturnType<typeof createCompareStore>;

/** @example const compare = createCompareStore(); listenCompare(socket, compare.setTray, compare.setConsensus); */
export function createCompareStore() {
  let tray: TeacherTray | null = null;
  let consensus: TeacherConsensus | null = null;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  return {
    getTray: (): TeacherTray | null => tray,
    getConsensus: (): TeacherConsensus | null => consensus,
    setTray(next: TeacherTray): void {
      tray = next;
      notify();
    },
    setConsensus(next: TeacherConsensus): void {
      consensus = next;
      notify();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The class's snapshots in order; null before the server sent them. */
export function useTray(store: CompareStore): TeacherTray | null {
  return useSyncExternalStore(store.subscribe, store.getTray, store.getTray);
}

/** The latest class consensus; null before the first. */
export function useConsensus(store: CompareStore): TeacherConsensus | null {
  return useSyncExternalStore(store.subscribe, store.getConsensus, store.getConsensus);
}
