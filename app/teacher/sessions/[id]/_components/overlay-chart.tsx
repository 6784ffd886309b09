"use client";

import { memo, useMemo, useState } from "react";
import { LossChart, type LossSeries } from "@/app/_components/charts/loss-chart";
import { groupStyle } from "@/lib/classroom/groups";
import { groupLegend, groupMedianSeries } from "../_lib/group-series";
import { useClassOverlay, useClassState } from "../_lib/use-class-store";
import { useOnScreen } from "../_lib/use-on-screen";
import { GroupLegend } from "./group-legend";

const OVERLAY_HEIGHT_PX = 280;
/** Students' curves are faint so hundreds of them read as a band; the median is drawn over it. */
const STUDENT_COLOR = "rgba(71, 85, 105, 0.35)";
const SPOTLIGHT_COLOR = "rgb(234, 88, 12)";
const MEDIAN_COLOR = "#0f172a";
const MEDIAN_WIDTH = 4;

type OverlayChartProps = { spotlightId: string | null };

/**
 * Every student's loss curve on one uPlot canvas, with the class median thicker on top. It reads
 * the store's overlay slice, which changes at most every OVERLAY_INTERVAL_MS (class-store.ts):
 * a class-wide picture does not need 10 fps, the tiles carry the fast detail. Scrolled off screen
 * (the teacher is looking at the tiles) its words still follow, but it draws nothing until it is back.
 */
export const OverlayChart = memo(function OverlayChart({ spotlightId }: OverlayChartProps) {
  const [isLogScale, setIsLogScale] = useState(false);
  // Always listening (its words, the count of students, stay true); drawn only when in view.
  const [observe, isOnScreen] = useOnScreen<HTMLElement>();
  const overlay = useClassOverlay();
  // A group experiment: each group's median in its colour and dash instead of the class's one.
  const experiment = useClassState().experiment;

  const series = useMemo<LossSeries[]>(() => {
    const students = overlay.ids.map((id, i) => {
      const group = experiment ? (overlay.groupOf[i] ?? null) : null;
      return {
        label: `#${i + 1}`,
        values: overlay.series[i] ?? [],
        color: id === spotlightId ? SPOTLIGHT_COLOR : group === null ? STUDENT_COLOR : `${groupStyle(group).color}40`,
        width: id === spotlightId ? 2.5 : 1,
      };
    });
    if (experiment) return [...students, ...groupMedianSeries(overlay, experiment, MEDIAN_WIDTH)];
    return [...students, { label: "class median", values: overlay.median, color: MEDIAN_COLOR, width: MEDIAN_WIDTH }];
  }, [overlay, spotlightId, experiment]);
  const legend = useMemo(() => (experiment ? groupLegend(overlay, experiment) : null), [overlay, experiment]);

  const studentCount = overlay.ids.length;
  const students = `${studentCount} ${studentCount === 1 ? "student" : "students"}`;
  return (
    <section ref={observe} aria-labelledby="overlay-heading" className="card p-4">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="overlay-heading" className="text-xl font-bold">
          Loss curves
        </h2>
        {legend ? (
          <p className="text-sm text-slate-700">Each group&apos;s median (thick) over its students (thin, tinted)</p>
        ) : (
          <p className="text-sm text-slate-700">
            <span aria-hidden="true" className="mr-1 inline-block h-1 w-6 translate-y-[-3px] bg-slate-900" /> class
            median (thick) over every student (thin)
          </p>
        )}
        <label className="flex items-center gap-2 text-sm font-semibold">
          <input
            type="checkbox"
            className="size-4"
            checked={isLogScale}
            onChange={(event) => setIsLogScale(event.target.checked)}
          />
          Log scale
        </label>
      </div>
      <LossChart
        steps={overlay.steps}
        series={series}
        isLogScale={isLogScale}
        height={OVERLAY_HEIGHT_PX}
        label={
          legend
            ? `Loss curves of ${students} with ${legend.length} group medians: ${legend.map((entry) => entry.label).join(", ")}`
            : `Loss curves of ${students} with the class median`
        }
        showLegend={false}
        isDrawn={isOnScreen}
      />
      {legend ? (
        <div className="mt-2">
          <GroupLegend entries={legend} />
        </div>
      ) : null}
    </section>
  );
});
