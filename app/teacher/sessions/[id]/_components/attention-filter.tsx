"use client";

import { needsAttention } from "@/lib/classroom/attention";
import type { Tile } from "../_lib/dashboard-state";
import { isSameArray, useClassDerived } from "../_lib/use-class-store";

/** Ids of the students with a flag the teacher has not marked seen, in join order. */
function needingAttentionIds(tiles: ReadonlyMap<string, Tile>): string[] {
  const ids: string[] = [];
  for (const tile of tiles.values()) if (needsAttention(tile.flags)) ids.push(tile.id);
  return ids;
}

/** The students needing attention now; re-renders only when who they are changes. */
export function useNeedingAttention(): readonly string[] {
  return useClassDerived(needingAttentionIds, isSameArray);
}

/** `ids` (display order) keeping only those in `needing`. */
export function onlyNeedingAttention(ids: readonly string[], needing: readonly string[]): string[] {
  const set = new Set(needing);
  return ids.filter((id) => set.has(id));
}

type AttentionFilterProps = { count: number; isOn: boolean; onToggle: () => void };

/**
 * "Needs attention (N)": how many students have a flag not yet marked seen, and a toggle that
 * shows only them. A pressed button (aria-pressed), its words and count say the state; the
 * amber border only repeats it.
 */
export function AttentionFilter({ count, isOn, onToggle }: AttentionFilterProps) {
  return (
    <button
      type="button"
      aria-pressed={isOn}
      onClick={onToggle}
      data-testid="attention-filter"
      className={`btn-secondary py-1 ${count > 0 ? "border-amber-500" : ""} ${isOn ? "bg-amber-100 font-bold" : ""}`}
    >
      <span aria-hidden="true">⚑ </span>
      Needs attention <span className="font-mono">({count})</span>
      {isOn ? <span className="ml-1 text-sm font-normal">· showing only these</span> : null}
    </button>
  );
}
