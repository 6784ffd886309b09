import { GROUP_KEY_LABELS, groupStyle } from "@/lib/classroom/groups";
import type { ExperimentComparison } from "@/lib/review/summary";
import { GroupMark } from "../../_components/group-mark";
import { formatLoss, formatStep } from "../../_lib/format";

/**
 * The review's group comparison: one table per group experiment on the review's dataset, latest
 * first, a row per group. A server component: figures only. "Reached" and losses are the server's
 * verification; steps to target are what students reported, and say so.
 */
export function GroupComparison({ experiments }: { experiments: ExperimentComparison[] }) {
  return (
    <div className="space-y-6" data-testid="group-comparison">
      {experiments.map((experiment, i) => (
        <div key={experiment.generation} className="overflow-x-auto">
          <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
            <caption className="mb-2 text-left font-semibold">
              {i === 0 ? "Latest experiment" : "Earlier experiment"}: groups differ in{" "}
              {GROUP_KEY_LABELS[experiment.key]}
            </caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-4">
                  Group
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  Students
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  Runs
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  Median final loss (verified)
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  Reached the target (verified)
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  Median steps to target (reported)
                </th>
              </tr>
            </thead>
            <tbody>
              {experiment.groups.map((group) => (
                <tr key={group.index} className="border-b border-slate-200" data-testid="group-row">
                  <th scope="row" className="py-2 pr-4 font-semibold">
                    <GroupMark index={group.index} color={groupStyle(group.index).color} /> {group.label}
                  </th>
                  <td className="py-2 pr-4 text-right tabular-nums">{group.students}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{group.runs}</td>
                  <td className="py-2 pr-4 text-right tabular-nums" data-testid="group-median-loss">
                    {formatLoss(group.medianFinalLoss)}
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">
                    {group.studentsReachedTarget} of {group.students}
                    {group.shareReached === null ? "" : ` (${Math.round(group.shareReached * 100)} %)`}
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">
                    {group.medianStepsToTarget === null ? "—" : formatStep(group.medianStepsToTarget)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
