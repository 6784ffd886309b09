import { useCallback, useRef } from "react";
import { type SortKey, sortTiles, type Tile } from "./dashboard-state";
import { isSameArray, useClassDerived } from "./use-class-store";

/**
 * Sorted by loss, a training class's tiles would swap places several times a second and nobody
 * could follow a student on the projector. The loss order is refreshed at most this often; a
 * join, a removal or another sort key re-sorts at once.
 */
export const LOSS_REORDER_INTERVAL_MS = 3_000;

/** The order on screen and when it was taken. */
export type HeldOrder = { ids: string[]; at: number; key: SortKey };

/** The tiles in the order to show at time `at`, and the order to hold from now on. */
export function steadyOrder(
  held: HeldOrder | null,
  sorted: readonly Tile[],
  sortKey: SortKey,
  at: number,
): { tiles: Tile[]; held: HeldOrder } {
  const heldIds = new Set(held?.ids);
  const isSameSet = held !== null && held.ids.length === sorted.length && sorted.every((tile) => heldIds.has(tile.id));
  const isHeld = sortKey === "loss" && held?.key === sortKey && isSameSet && at - held.at < LOSS_REORDER_INTERVAL_MS;
  if (!isHeld || held === null) {
    return { tiles: [...sorted], held: { ids: sorted.map((tile) => tile.id), at, key: sortKey } };
  }
  const byId = new Map(sorted.map((tile) => [tile.id, tile]));
  return { tiles: held.ids.flatMap((id) => byId.get(id) ?? []), held };
}

/**
 * The ids of the class's tiles in display order ({@link steadyOrder} across store changes): a new
 * array only when the order on screen changes, so the grid re-renders on a join, a removal or a
 * loss re-sort, never for a tile's figures.
 */
export function useSortedIds(sortKey: SortKey, isAnonymized: boolean): readonly string[] {
  const held = useRef<HeldOrder | null>(null);
  // Computed once per store change (useClassDerived caches it), so the held order moves on then.
  const compute = useCallback(
    (tiles: ReadonlyMap<string, Tile>) => {
      const next = steadyOrder(held.current, sortTiles(tiles.values(), sortKey, isAnonymized), sortKey, Date.now());
      held.current = next.held;
      return next.tiles.map((tile) => tile.id);
    },
    [sortKey, isAnonymized],
  );
  return useClassDerived(compute, isSameArray);
}
