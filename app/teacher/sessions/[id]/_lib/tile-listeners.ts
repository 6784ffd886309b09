/**
 * Who listens to which tile of the class store (class-store.ts), and how soon they hear: a
 * reader on screen at the store's next flush, a reader off screen later and in slices
 * (background-notifier.ts), so that words scrolled away stay true without 300 re-renders per frame.
 */
import { type BackgroundNotifierOptions, createBackgroundNotifier } from "./background-notifier";

/** Called when a slice changed; read the new value with the slice's getter. */
export type Listener = () => void;
/** Stops a subscription. */
export type Unsubscribe = () => void;

/**
 * How soon a tile's reader hears of its changes: "onScreen" at the next flush, "offScreen" at
 * most every BACKGROUND_INTERVAL_MS, in chunks that fit a small main-thread budget.
 */
export type TileReader = "onScreen" | "offScreen";

/** Listeners of one slice. */
export function listenerSet() {
  const listeners = new Set<Listener>();
  return {
    add(listener: Listener): Unsubscribe {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify() {
      for (const listener of [...listeners]) listener();
    },
    get size() {
      return listeners.size;
    },
  };
}

/** Every tile's listeners, by reader. */
export type TileListeners = {
  subscribe(id: string, listener: Listener, reader: TileReader): Unsubscribe;
  /** Tells the tiles' on-screen readers now and marks their off-screen readers for the background. */
  changed(ids: Iterable<string>): void;
};

/** Options for the off-screen readers' notifier (tests pass a fake clock and scheduler). */
export type BackgroundOptions = Omit<BackgroundNotifierOptions, "notify">;

/**
 * @example
 * const tiles = createTileListeners();
 * tiles.subscribe("p1", render, "offScreen");
 * tiles.changed(["p1"]); // render runs within about a second
 */
export function createTileListeners(background: BackgroundOptions = {}): TileListeners {
  const byReader: Record<TileReader, Map<string, ReturnType<typeof listenerSet>>> = {
    onScreen: new Map(),
    offScreen: new Map(),
  };
  const later = createBackgroundNotifier({
    ...background,
    notify: (id) => byReader.offScreen.get(id)?.notify(),
  });
  return {
    subscribe(id, listener, reader) {
      const byId = byReader[reader];
      let listeners = byId.get(id);
      if (!listeners) {
        listeners = listenerSet();
        byId.set(id, listeners);
      }
      const own = listeners;
      const remove = own.add(listener);
      return () => {
        remove();
        if (own.size > 0 || byId.get(id) !== own) return;
        byId.delete(id);
        if (reader === "offScreen") later.forget(id);
      };
    },
    changed(ids) {
      for (const id of ids) {
        byReader.onScreen.get(id)?.notify();
        if (byReader.offScreen.has(id)) later.mark(id);
      }
    },
  };
}
