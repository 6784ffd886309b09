"use client";

import { useMemo } from "react";
import { LossChart } from "@/app/_components/charts/loss-chart";
import { GROUP_KEY_LABELS, type GroupExperiment } from "@/lib/classroom/groups";
import { GroupLegend } from "../_components/group-legend";
import { groupLegend, groupMedianSeries } from "../_lib/group-series";
import { useClassOverlay } from "../_lib/use-class-store";

const MEDIAN_WIDTH = 5;

/**
 * The projector's group comparison: each group's median loss over the steps, in its colour and
 * dash, large, with the legend in words (which group, its setting, its students, where it is now).
 */
export function PresentGroups({ experiment, chartHeight }: { experiment: GroupExperiment; chartHeight: number }) {
  const overlay = useClassOverlay();
  const series = useMemo(() => groupMedianSeries(overlay, experiment, MEDIAN_WIDTH), [overlay, experiment]);
  const legend = useMemo(() => groupLegend(overlay, experiment), [overlay, experiment]);
  const setting = GROUP_KEY_LABELS[experiment.key];
  return (
    <section aria-labelledby="present-groups" className="card w-full p-[2vh] text-left" data-testid="present-groups">
      <h2 id="present-groups" className="mb-[1vh] text-[clamp(1.5rem,4vh,3rem)] leading-tight font-bold">
        Groups compared: {setting}
      </h2>
      <LossChart
        steps={overlay.steps}
        series={series}
        isLogScale={false}
        height={chartHeight}
        label={`Median loss of ${legend.length} groups that differ in ${setting}: ${legend.map((entry) => entry.label).join(", ")}`}
        showLegend={false}
      />
      <div className="mt-[1vh]">
        <GroupLegend entries={legend} isLarge />
      </div>
    </section>
  );
}
