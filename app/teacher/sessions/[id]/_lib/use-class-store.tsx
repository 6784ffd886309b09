"use client";

/**
 * React's side of the class store (class-store.ts): a context that hands the page's store down,
 * and one hook per slice, each a useSyncExternalStore over the store's own subscribe/getSnapshot.
 * A component re-renders when its slice changed and not otherwise: a tile when that tile did,
 * the counts when a figure did, a derived figure when its computed value did.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useSyncExternalStore } from "react";
import type { ClassState, Counts, TeacherNetwork } from "@/lib/protocol";
import type { ClassStore, Listener, TileReader, Unsubscribe } from "./class-store";
import type { Tile } from "./dashboard-state";
import type { Overlay } from "./overlay";

const ClassStoreContext = createContext<ClassStore | null>(null);

/** Makes `store` the one the hooks below read, for everything inside. */
export function ClassStoreProvider({ store, children }: { store: ClassStore; children: ReactNode }) {
  return <ClassStoreContext value={store}>{children}</ClassStoreContext>;
}

/** The store of the nearest {@link ClassStoreProvider}. */
export function useClassStore(): ClassStore {
  const store = useContext(ClassStoreContext);
  if (!store) throw new Error("useClassStore needs a <ClassStoreProvider> around it");
  return store;
}

const subscribeToNothing =
  (_listener: Listener): Unsubscribe =>
  () => {};

/**
 * One tile by id (undefined when there is no such student, or `id` is null). An "offScreen"
 * reader hears of changes later and in slices (class-store.ts TileReader): its words stay true
 * within about a second; switching to "onScreen" catches up at once.
 *
 * @example const tile = useClassTile(id, isOnScreen ? "onScreen" : "offScreen");
 */
export function useClassTile(id: string | null, reader: TileReader = "onScreen"): Tile | undefined {
  const store = useClassStore();
  const subscribe = useCallback(
    (listener: Listener) => (id !== null ? store.subscribeTile(id, listener, reader) : subscribeToNothing(listener)),
    [store, id, reader],
  );
  const getSnapshot = useCallback(() => (id === null ? undefined : store.getTile(id)), [store, id]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** Ids in join order; a new array only when someone joins or leaves. */
export function useClassIds(): readonly string[] {
  const store = useClassStore();
  return useSyncExternalStore(store.subscribeIds, store.getIds, store.getIds);
}

/** The class counts (the server's figures), a new object only when a figure changed. */
export function useClassCounts(): Counts {
  const store = useClassStore();
  return useSyncExternalStore(store.subscribeCounts, store.getCounts, store.getCounts);
}

/** The class state: settings, controls, spotlight, lesson, waiting list. */
export function useClassState(): ClassState {
  const store = useClassStore();
  return useSyncExternalStore(store.subscribeClassState, store.getClassState, store.getClassState);
}

/**
 * Every curve on one grid with the class median, at most every OVERLAY_INTERVAL_MS. With
 * `isLive` false (the chart is scrolled away) the component does not listen, and nothing is rebuilt.
 */
export function useClassOverlay(isLive = true): Overlay {
  const store = useClassStore();
  const subscribe = isLive ? store.subscribeOverlay : subscribeToNothing;
  return useSyncExternalStore(subscribe, store.getOverlay, store.getOverlay);
}

/** The spotlit student's latest weights, or null. */
export function useClassNetwork(): TeacherNetwork | null {
  const store = useClassStore();
  return useSyncExternalStore(store.subscribeNetwork, store.getNetwork, store.getNetwork);
}

/**
 * A figure computed from every tile (per-cell passes, per-step counts, a group median…),
 * recomputed when any tile changed and re-rendering only when the result is not `isEqual` to
 * the last. Pass a stable `compute` (module-level or useCallback): a new one recomputes.
 *
 * @example const passed = useClassDerived(countPassedCells, sameCounts);
 */
export function useClassDerived<T>(
  compute: (tiles: ReadonlyMap<string, Tile>) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const store = useClassStore();
  const getSnapshot = useMemo(() => {
    let last: { tiles: ReadonlyMap<string, Tile>; value: T } | null = null;
    return () => {
      const tiles = store.getTiles();
      if (last?.tiles === tiles) return last.value;
      const value = compute(tiles);
      last = { tiles, value: last !== null && isEqual(last.value, value) ? last.value : value };
      return last.value;
    };
  }, [store, compute, isEqual]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}

/** Equal arrays by element identity: for derived lists of ids or numbers. */
export function isSameArray<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
}
