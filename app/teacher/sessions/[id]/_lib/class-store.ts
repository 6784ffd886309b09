/**
 * The dashboard's live state as an external store (plain TS, no React): the teacher feed applies
 * snapshots and frames here (dashboard-state.ts does the applying), and components read slices
 * of it with React's useSyncExternalStore (use-class-store.ts). A changed tile is a new object,
 * so identity means "changed": a frame that changes 10 tiles calls those 10 tiles' listeners only.
 *
 * Slices, each with a stable snapshot until it changes: the ids in join order, one tile by id,
 * the whole tile map, the counts, the class state, the overlay (rebuilt at most every
 * OVERLAY_INTERVAL_MS, only while someone reads it) and the spotlit student's network.
 */
import type { ClassState, Counts, TeacherFrame, TeacherNetwork, TeacherSnapshot } from "@/lib/protocol";
import {
  applyFrame,
  applySnapshot,
  createDashboardState,
  type DashboardState,
  type FrameOutcome,
  type Tile,
} from "./dashboard-state";
import { buildOverlay, type Overlay } from "./overlay";
import {
  type BackgroundOptions,
  createTileListeners,
  type Listener,
  listenerSet,
  type TileReader,
  type Unsubscribe,
} from "./tile-listeners";

export type { Listener, TileReader, Unsubscribe } from "./tile-listeners";

/**
 * Resampling 300 curves takes a few ms and a class-wide picture does not need 10 fps: the
 * overlay's listeners hear of changes at most this often (the tiles carry the fast detail).
 */
export const OVERLAY_INTERVAL_MS = 500;

/** Options of {@link createClassStore}. */
export type ClassStoreOptions = {
  /**
   * Runs `flush` when listeners should hear of applied changes. Default: at once. The page
   * passes requestAnimationFrame, so several frames arriving between two paints render once.
   */
  scheduleFlush?: (flush: () => void) => void;
  /** The overlay's minimum interval in ms; default {@link OVERLAY_INTERVAL_MS}. */
  overlayIntervalMs?: number;
  /** The clock, for a new tile's joinedAt and the overlay's pace; default Date.now. */
  now?: () => number;
  /** How off-screen tile readers are told (tests pass a fake clock and scheduler). */
  background?: BackgroundOptions;
};

/** The live class, read by slice. Every getter returns the same value until its slice changes. */
export type ClassStore = {
  applySnapshot(snapshot: TeacherSnapshot): void;
  /** Applies a frame; "gap" means a frame was missed and a snapshot should be asked for. */
  applyFrame(frame: TeacherFrame): FrameOutcome;
  setNetwork(network: TeacherNetwork | null): void;
  /** Tick of the last applied frame or snapshot; -1 before the first snapshot. */
  getTick(): number;

  /** Any change to tiles, ids, counts or class state. */
  subscribe(listener: Listener): Unsubscribe;
  /** Ids in join order (tile number); a new array only when a student joins, leaves or is renumbered. */
  getIds(): readonly string[];
  subscribeIds(listener: Listener): Unsubscribe;
  /** One tile; a new object exactly when that tile changed. */
  getTile(id: string): Tile | undefined;
  /** Hears of the tile's changes at the next flush ("onScreen", the default) or later ("offScreen"). */
  subscribeTile(id: string, listener: Listener, reader?: TileReader): Unsubscribe;
  /** Every tile by id; a new map when any tile changed (for class-wide figures). */
  getTiles(): ReadonlyMap<string, Tile>;
  getCounts(): Counts;
  subscribeCounts(listener: Listener): Unsubscribe;
  getClassState(): ClassState;
  subscribeClassState(listener: Listener): Unsubscribe;
  /** Every curve on one grid with the class median; rebuilt lazily, at most every overlay interval. */
  getOverlay(): Overlay;
  subscribeOverlay(listener: Listener): Unsubscribe;
  /** The spotlit student's latest weights (teacher:network), or null before any arrived. */
  getNetwork(): TeacherNetwork | null;
  subscribeNetwork(listener: Listener): Unsubscribe;
};

/** Same figures in every field: then the previous object is kept, so readers do not re-render. */
function isSameCounts(a: Counts, b: Counts): boolean {
  const keys = Object.keys(b) as (keyof Counts)[];
  return keys.length === Object.keys(a).length && keys.every((key) => a[key] === b[key]);
}

/**
 * A store for one class, before its first snapshot: the class as the page's server render knew it.
 *
 * @example
 * const store = createClassStore(initialClass, initialTotal, { scheduleFlush: requestAnimationFrame });
 * socket.on("teacher:frame", (frame) => store.applyFrame(frame));
 */
export function createClassStore(
  initialClass: ClassState,
  initialTotal = 0,
  options: ClassStoreOptions = {},
): ClassStore {
  const scheduleFlush = options.scheduleFlush ?? ((flush: () => void) => flush());
  const overlayIntervalMs = options.overlayIntervalMs ?? OVERLAY_INTERVAL_MS;
  const now = options.now ?? Date.now;
  const state: DashboardState = createDashboardState(initialClass, initialTotal);

  const anyListeners = listenerSet();
  const idsListeners = listenerSet();
  const countsListeners = listenerSet();
  const classListeners = listenerSet();
  const overlayListeners = listenerSet();
  const networkListeners = listenerSet();
  const tileListeners = createTileListeners(options.background);

  let ids: readonly string[] = [];
  let tilesSnapshot: ReadonlyMap<string, Tile> | null = null;
  let overlay: Overlay | null = null;
  let network: TeacherNetwork | null = null;

  // What changed since the last flush.
  const changedTiles = new Set<string>();
  let isIdsChanged = false;
  let isCountsChanged = false;
  let isClassChanged = false;
  let isFlushScheduled = false;
  let isOverlayStale = false;
  let overlayAt = Number.NEGATIVE_INFINITY;
  let overlayTimer: ReturnType<typeof setTimeout> | null = null;

  const sortedIds = () =>
    [...state.tiles.values()].sort((a, b) => a.number - b.number || (a.id < b.id ? -1 : 1)).map((tile) => tile.id);

  /** Compares the model with what readers last saw, and schedules the listeners. */
  function afterApply(before: ReadonlyMap<string, Tile>, counts: Counts, classState: ClassState) {
    let isMembershipChanged = before.size !== state.tiles.size;
    for (const [id, tile] of before) {
      const next = state.tiles.get(id);
      if (next === tile) continue;
      changedTiles.add(id);
      if (!next || next.number !== tile.number) isMembershipChanged = true;
    }
    for (const id of state.tiles.keys()) {
      if (!before.has(id)) {
        changedTiles.add(id);
        isMembershipChanged = true;
      }
    }
    if (changedTiles.size > 0) {
      tilesSnapshot = null;
      isOverlayStale = true;
      // Nobody reads the overlay: the next reader builds a fresh one.
      if (overlayListeners.size === 0) overlay = null;
    }
    if (isMembershipChanged) {
      const next = sortedIds();
      if (next.length !== ids.length || next.some((id, i) => id !== ids[i])) {
        ids = next;
        isIdsChanged = true;
      }
    }
    if (isSameCounts(counts, state.counts)) state.counts = counts;
    else isCountsChanged = true;
    if (classState !== state.classState) isClassChanged = true;
    if (!isFlushScheduled && (changedTiles.size > 0 || isIdsChanged || isCountsChanged || isClassChanged)) {
      isFlushScheduled = true;
      scheduleFlush(flush);
    }
  }

  function flush() {
    isFlushScheduled = false;
    const tiles = [...changedTiles];
    changedTiles.clear();
    const notifyIds = isIdsChanged;
    const notifyCounts = isCountsChanged;
    const notifyClass = isClassChanged;
    isIdsChanged = isCountsChanged = isClassChanged = false;
    tileListeners.changed(tiles);
    if (notifyIds) idsListeners.notify();
    if (notifyCounts) countsListeners.notify();
    if (notifyClass) classListeners.notify();
    anyListeners.notify();
    if (isOverlayStale) scheduleOverlay();
  }

  /** The overlay's listeners hear at most every overlayIntervalMs, and only of a real change. */
  function scheduleOverlay() {
    if (overlayTimer !== null || overlayListeners.size === 0) return;
    const wait = Math.max(0, overlayAt + overlayIntervalMs - now());
    overlayTimer = setTimeout(() => {
      overlayTimer = null;
      overlayAt = now();
      isOverlayStale = false;
      overlay = null;
      overlayListeners.notify();
    }, wait);
  }

  /** Runs an apply and reports its changes. */
  function apply<T>(run: () => T): T {
    const before = new Map(state.tiles);
    const counts = state.counts;
    const classState = state.classState;
    const result = run();
    afterApply(before, counts, classState);
    return result;
  }

  return {
    applySnapshot: (snapshot) => apply(() => applySnapshot(state, snapshot, now())),
    applyFrame: (frame) => {
      // A stale frame or a gap changes nothing: no copy of the tile map for them.
      if (frame.tick <= state.tick) return "stale";
      if (state.tick < 0 || frame.tick !== state.tick + 1) return "gap";
      return apply(() => applyFrame(state, frame, now()));
    },
    setNetwork(next) {
      if (next === network) return;
      network = next;
      networkListeners.notify();
    },
    getTick: () => state.tick,

    subscribe: (listener) => anyListeners.add(listener),
    getIds: () => ids,
    subscribeIds: (listener) => idsListeners.add(listener),
    getTile: (id) => state.tiles.get(id),
    subscribeTile: (id, listener, reader = "onScreen") => tileListeners.subscribe(id, listener, reader),
    getTiles() {
      tilesSnapshot ??= new Map(state.tiles);
      return tilesSnapshot;
    },
    getCounts: () => state.counts,
    subscribeCounts: (listener) => countsListeners.add(listener),
    getClassState: () => state.classState,
    subscribeClassState: (listener) => classListeners.add(listener),
    getOverlay() {
      overlay ??= buildOverlay(state.tiles.values());
      return overlay;
    },
    subscribeOverlay(listener) {
      const remove = overlayListeners.add(listener);
      if (isOverlayStale) scheduleOverlay();
      return () => {
        remove();
        if (overlayListeners.size === 0 && overlayTimer !== null) {
          clearTimeout(overlayTimer);
          overlayTimer = null;
        }
      };
    },
    getNetwork: () => network,
    subscribeNetwork: (listener) => networkListeners.add(listener),
  };
}
