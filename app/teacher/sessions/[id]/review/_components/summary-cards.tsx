import type { ReviewSummary } from "@/lib/review/summary";
import { formatLoss, formatStep } from "../../_lib/format";

/**
 * The class at a glance, on the review's dataset. A server component: figures only, no script.
 * "Reached" and the losses are the server's verification; the steps to the target are what
 * students reported, and say so.
 */
export function SummaryCards({ summary }: { summary: ReviewSummary }) {
  const cells = ([1, 2, 3] as const).map((cell) => `${cell}: ${summary.cellsPassed[cell]}`).join(" · ");
  const items: { id: string; label: string; value: string }[] = [
    { id: "students", label: "Students", value: String(summary.students) },
    { id: "runs", label: summary.dataset ? `Runs on ${summary.dataset}` : "Runs", value: String(summary.runs) },
    {
      id: "reached",
      label: "Reached the target (verified)",
      value: `${summary.studentsReachedTarget} of ${summary.studentsTrained}`,
    },
    { id: "median-loss", label: "Median final loss (verified)", value: formatLoss(summary.medianFinalLoss) },
    {
      id: "median-steps",
      label: "Median steps to target (reported)",
      value: summary.medianStepsToTarget === null ? "—" : formatStep(summary.medianStepsToTarget),
    },
    { id: "flagged", label: "Reports that differ", value: String(summary.flaggedRuns) },
    { id: "cells", label: "Cells passed (students)", value: cells },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
      {items.map((item) => (
        <div
          key={item.id}
          className={`rounded-xl border bg-white p-3 ${item.id === "flagged" && summary.flaggedRuns > 0 ? "border-red-300" : "border-slate-200"}`}
        >
          <dt className="text-sm text-slate-700">{item.label}</dt>
          <dd className="text-2xl font-bold tabular-nums" data-testid={`summary-${item.id}`}>
            {item.id === "flagged" && summary.flaggedRuns > 0 ? <span aria-hidden="true">⚠ </span> : null}
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
