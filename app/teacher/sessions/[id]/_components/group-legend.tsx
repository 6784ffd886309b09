import { formatLoss } from "../_lib/format";
import type { GroupLegendEntry } from "../_lib/group-series";

/**
 * The overlay's legend for a group experiment, in words: each group's line drawn as on the chart
 * (its colour and dash), its name, its students and where its median is now.
 */
export function GroupLegend({ entries, isLarge = false }: { entries: readonly GroupLegendEntry[]; isLarge?: boolean }) {
  return (
    <ul
      className={`flex flex-wrap gap-x-6 gap-y-1 ${isLarge ? "text-[clamp(1rem,2.6vh,2rem)]" : "text-sm"}`}
      aria-label="Group medians"
    >
      {entries.map((entry) => (
        <li key={entry.index} className="flex items-center gap-2" data-testid="group-median">
          <svg aria-hidden="true" width={isLarge ? 48 : 32} height="10" className="shrink-0">
            <line
              x1="0"
              y1="5"
              x2={isLarge ? 48 : 32}
              y2="5"
              stroke={entry.color}
              strokeWidth="4"
              strokeDasharray={entry.dash.length > 0 ? entry.dash.join(" ") : undefined}
            />
          </svg>
          <span>
            <strong>{entry.label}</strong> ({entry.dashName} line): median loss{" "}
            <span className="font-mono tabular-nums" data-testid="group-median-loss">
              {formatLoss(entry.latest)}
            </span>
            , {entry.students} {entry.students === 1 ? "student" : "students"}
          </span>
        </li>
      ))}
    </ul>
  );
}
