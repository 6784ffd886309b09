"use client";

import { memo, useEffect, useMemo, useState } from "react";
import { LossChart, type LossSeries } from "@/app/_components/charts/loss-chart";
import type { DashboardState } from "../_lib/dashboard-state";
import { buildOverlay, type Overlay } from "../_lib/overlay";

/**
 * The overlay is rebuilt at most twice a second: resampling 300 curves takes a few ms and a
 * class-wide picture does not need 10 fps; the tiles carry the fast detail.
 */
const OVERLAY_REFRESH_MS = 500;
const OVERLAY_HEIGHT_PX = 280;
/** Students' curves are faint so hundreds of them read as a band; the median is drawn over it. */
const STUDENT_COLOR = "rgba(71, 85, 105, 0.35)";
const SPOTLIGHT_COLOR = "rgb(234, 88, 12)";
const MEDIAN_COLOR = "#0f172a";
const MEDIAN_WIDTH = 4;

type OverlayChartProps = { state: DashboardState; spotlightId: string | null };

/**
 * Every student's loss curve on one uPlot canvas, with the class median thicker on top. Memoized:
 * it refreshes on its own clock, not on every dashboard render.
 */
export const OverlayChart = memo(function OverlayChart({ state, spotlightId }: OverlayChartProps) {
  const [isLogScale, setIsLogScale] = useState(false);
  const [overlay, setOverlay] = useState<Overlay>(() => buildOverlay(state.tiles.values()));

  useEffect(() => {
    let builtAt = -1;
    const refresh = () => {
      if (state.version === builtAt) return;
      builtAt = state.version;
      setOverlay(buildOverlay(state.tiles.values()));
    };
    refresh();
    const handle = setInterval(refresh, OVERLAY_REFRESH_MS);
    return () => clearInterval(handle);
  }, [state]);

  const series = useMemo<LossSeries[]>(() => {
    const students = overlay.ids.map((id, i) => ({
      label: `#${i + 1}`,
      values: overlay.series[i] ?? [],
      color: id === spotlightId ? SPOTLIGHT_COLOR : STUDENT_COLOR,
      width: id === spotlightId ? 2.5 : 1,
    }));
    return [...students, { label: "class median", values: overlay.median, color: MEDIAN_COLOR, width: MEDIAN_WIDTH }];
  }, [overlay, spotlightId]);

  const studentCount = overlay.ids.length;
  return (
    <section aria-labelledby="overlay-heading" className="card p-4">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="overlay-heading" className="text-xl font-bold">
          Loss curves
        </h2>
        <p className="text-sm text-slate-700">
          <span aria-hidden="true" className="mr-1 inline-block h-1 w-6 translate-y-[-3px] bg-slate-900" /> class median
          (thick) over every student (thin)
        </p>
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
        label={`Loss curves of ${studentCount} ${studentCount === 1 ? "student" : "students"} with the class median`}
        showLegend={false}
      />
    </section>
  );
});
