import { useRef } from "react";
import type { SortKey, Tile } from "./dashboard-state";

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
  const isSameSet =
    held !== null && held.ids.length === sorted.length && sorted.every((tile) => held.ids.includes(tile.id));
  // Flags change at most once a second per student: held like the loss order, or tiles would hop.
  const isHeld =
    (sortKey === "loss" || sortKey === "attention") &&
    held?.key === sortKey &&
    isSameSet &&
    at - held.at < LOSS_REORDER_INTERVAL_MS;
  if (!isHeld || held === null) {
    return { tiles: [...sorted], held: { ids: sorted.map((tile) => tile.id), at, key: sortKey } };
  }
  const byId = new Map(sorted.map((tile) => [tile.id, tile]));
  return { tiles: held.ids.flatMap((id) => byId.get(id) ?? []), held };
}

/** {@link steadyOrder} across renders. */
export function useSteadyOrder(sorted: readonly Tile[], sortKey: SortKey): Tile[] {
  const held = useRef<HeldOrder | null>(null);
  const next = steadyOrder(held.current, sorted, sortKey, Date.now());
  held.current = next.held;
  return next.tiles;
}
