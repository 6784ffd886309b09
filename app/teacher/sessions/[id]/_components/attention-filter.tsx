"use client";

import { needsAttention } from "@/lib/classroom/attention";
import type { Tile } from "../_lib/dashboard-state";

/** Students with a flag the teacher has not marked seen. O(students): counted once per render. */
export function countNeedingAttention(tiles: Iterable<Tile>): number {
  let count = 0;
  for (const tile of tiles) if (needsAttention(tile.flags)) count++;
  return count;
}

/** Only the tiles that need attention now, in the order given. */
export function filterNeedingAttention(tiles: readonly Tile[]): Tile[] {
  return tiles.filter((tile) => needsAttention(tile.flags));
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
      Needs attention{" "}
      <span className="font-mono" data-testid="attention-count">
        ({count})
      </span>
      {isOn ? <span className="ml-1 text-sm font-normal">· showing only these</span> : null}
    </button>
  );
}
