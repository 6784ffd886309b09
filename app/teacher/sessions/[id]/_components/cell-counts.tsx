"use client";

import { CELL_NUMBERS, CELL_TITLES } from "@/lib/cells";
import type { Tile } from "../_lib/dashboard-state";
import { useClassDerived } from "../_lib/use-class-store";

/** How each cell is named in "18 of 25 passed the forward pass". */
const PASSED_PHRASES = { 1: "the linear layer", 2: "the forward pass", 3: "training on XOR" } as const;

type Passed = Record<(typeof CELL_NUMBERS)[number], number>;

/** How many students passed each cell. */
function countPassed(tiles: ReadonlyMap<string, Tile>): Passed {
  const counts = { 1: 0, 2: 0, 3: 0 };
  for (const tile of tiles.values()) {
    for (const cell of tile.cells)
      if (cell.isPassed && (cell.cell === 1 || cell.cell === 2 || cell.cell === 3)) counts[cell.cell] += 1;
  }
  return counts;
}

const isSamePassed = (a: Passed, b: Passed) => CELL_NUMBERS.every((cell) => a[cell] === b[cell]);

/** Per cell, how many students passed it: "18 of 25 passed the forward pass". */
export function CellCounts({ total }: { total: number }) {
  const passed = useClassDerived(countPassed, isSamePassed);
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
