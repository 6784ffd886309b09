import type { ReviewSummary } from "@/server/review/summarize-review";
import { formatLoss, formatStep } from "../../_lib/format";

/** The class at a glance. A server component: figures only, no script. */
export function SummaryCards({ summary }: { summary: ReviewSummary }) {
  const cells = ([1, 2, 3] as const).map((cell) => `${cell}: ${summary.cellsPassed[cell]}`).join(" · ");
  const items: { id: string; label: string; value: string }[] = [
    { id: "students", label: "Students", value: String(summary.students) },
    { id: "runs", label: "Runs", value: String(summary.runs) },
    { id: "reached", label: "Reached the target", value: `${summary.studentsReachedTarget} of ${summary.students}` },
    { id: "median-loss", label: "Median final loss", value: formatLoss(summary.medianFinalLoss) },
    {
      id: "median-steps",
      label: "Median steps to target",
      value: summary.medianStepsToTarget === null ? "—" : formatStep(summary.medianStepsToTarget),
    },
    { id: "cells", label: "Cells passed (students)", value: cells },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {items.map((item) => (
        <div key={item.id} className="rounded-xl border border-slate-200 bg-white p-3">
          <dt className="text-sm text-slate-700">{item.label}</dt>
          <dd className="text-2xl font-bold tabular-nums" data-testid={`summary-${item.id}`}>
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
