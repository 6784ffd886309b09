import { CELL_NUMBERS, CELL_TITLES } from "@/lib/cells";
import type { CellResult } from "@/lib/protocol";

/**
 * A tile's three cell badges, "1✓ 2✗ 3·": passed, tried but not passed, not tried. The symbol
 * and the text label carry the meaning; colour only repeats it. They never wrap: beside a
 * 112 px map in a 240 px tile there are ~100 px for all three.
 */
export function CellBadges({ cells }: { cells: readonly CellResult[] }) {
  return (
    <span className="flex flex-nowrap gap-1 text-xs whitespace-nowrap" data-testid="cell-badges">
      {CELL_NUMBERS.map((cell) => {
        const result = cells.find((item) => item.cell === cell);
        const state = !result
          ? "not tried"
          : result.isPassed
            ? "passed"
            : `not passed (${result.attempts} ${result.attempts === 1 ? "try" : "tries"})`;
        const symbol = !result ? "·" : result.isPassed ? "✓" : "✗";
        const tone = !result
          ? "border-slate-200 text-slate-600"
          : result.isPassed
            ? "border-green-300 bg-green-50 text-green-900"
            : "border-red-300 bg-red-50 text-red-900";
        const label = `Cell ${cell} (${CELL_TITLES[cell]}): ${state}`;
        const tooltip = result?.lastError ? `${label} — ${result.lastError}` : label;
        return (
          <span
            key={cell}
            className={`shrink-0 rounded border px-0.5 font-mono ${tone}`}
            title={tooltip}
            data-testid={`cell-badge-${cell}`}
            data-state={!result ? "none" : result.isPassed ? "passed" : "failed"}
          >
            <span aria-hidden="true">
              {cell}
              {symbol}
            </span>
            <span className="sr-only">{label}</span>
          </span>
        );
      })}
    </span>
  );
}
