import Link from "next/link";
import type { DatasetUse } from "@/server/review/summarize-review";

/**
 * A class that changed dataset is reviewed one dataset at a time: losses on XOR and on circles do
 * not compare. Plain links (`?dataset=`), so each view has its own URL and works without script.
 */
export function DatasetTabs({
  base,
  datasets,
  current,
  extraQuery = "",
}: {
  base: string;
  datasets: DatasetUse[];
  current: string;
  /** Kept in every link, e.g. the lesson step being reviewed ("step=2"). */
  extraQuery?: string;
}) {
  return (
    <nav aria-label="Dataset" className="flex flex-wrap items-center gap-2" data-testid="dataset-tabs">
      <span className="text-sm font-semibold text-slate-800">This class trained on:</span>
      {datasets.map((use) => {
        const isCurrent = use.dataset === current;
        return (
          <Link
            key={use.dataset}
            href={`${base}?${extraQuery ? `${extraQuery}&` : ""}dataset=${encodeURIComponent(use.dataset)}`}
            aria-current={isCurrent ? "page" : undefined}
            className={`rounded-lg border px-3 py-1.5 text-sm font-semibold ${isCurrent ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-900 hover:bg-slate-100"}`}
          >
            {use.dataset}{" "}
            <span className="font-normal">
              · {use.runs} {use.runs === 1 ? "run" : "runs"}, {use.students}{" "}
              {use.students === 1 ? "student" : "students"}
            </span>
          </Link>
        );
      })}
    </nav>
  );
}
