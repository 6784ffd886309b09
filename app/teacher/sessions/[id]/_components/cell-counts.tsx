import { useMemo } from "react";
import { CELL_NUMBERS, CELL_TITLES } from "@/lib/cells";
import type { Tile } from "../_lib/dashboard-state";

/** How each cell is named in "18 of 25 passed the forward pass". */
const PASSED_PHRASES = { 1: "the linear layer", 2: "the forward pass", 3: "training on XOR" } as const;

type CellCountsProps = {
  tiles: ReadonlyMap<string, Tile>;
  /** Tiles are mutated in place; this says when they changed. */
  version: number;
  total: number;
};

/** Per cell, how many students passed it: "18 of 25 passed the forward pass". */
export function CellCounts({ tiles, version, total }: CellCountsProps) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: tiles are mutated in place; version says when they changed
  const passed = useMemo(() => {
    const counts = { 1: 0, 2: 0, 3: 0 };
    for (const tile of tiles.values()) {
      for (const cell of tile.cells)
        if (cell.isPassed && (cell.cell === 1 || cell.cell === 2 || cell.cell === 3)) counts[cell.cell] += 1;
    }
    return counts;
  }, [tiles, version]);
  return (
    <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm" aria-label="Chapter cells passed" data-testid="cell-counts">
      {CELL_NUMBERS.map((cell) => (
        <li key={cell} data-testid={`cell-count-${cell}`}>
          <span className="font-semibold">
            Cell {cell} · {CELL_TITLES[cell]}:
          </span>{" "}
          <span className="font-mono font-bold">{passed[cell]}</span> of <span className="font-mono">{total}</span>{" "}
          passed {PASSED_PHRASES[cell]}
        </li>
      ))}
    </ul>
  );
}
