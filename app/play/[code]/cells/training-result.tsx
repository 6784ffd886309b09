"use client";

import { useMemo } from "react";
import { DecisionMapCanvas } from "@/app/_components/charts/decision-map-canvas";
import { LossChart } from "@/app/_components/charts/loss-chart";
import type { TrainingOutcome } from "@/lib/cells";
import { DATASET_EXTENT, type Dataset, decisionMap } from "@/lib/ml/nn";

/** The cell's map is drawn at this resolution: smooth at phone width, a fraction of a millisecond. */
const MAP_RESOLUTION = 64;
/** Map side in CSS pixels; fits a 375 px phone with the page's padding. */
const MAP_SIZE_PX = 280;
const CHART_HEIGHT_PX = 180;

/** Cell 3's outcome as in free training: the decision regions with the XOR points, and the loss curve. */
export function TrainingResult({ outcome, data }: { outcome: TrainingOutcome; data: Dataset }) {
  const map = useMemo(
    () => decisionMap(outcome.net, { resolution: MAP_RESOLUTION, extent: DATASET_EXTENT }),
    [outcome.net],
  );
  const chart = useMemo(
    () => ({ steps: outcome.curve.map(([step]) => step), values: outcome.curve.map(([, loss]) => loss) }),
    [outcome.curve],
  );
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <DecisionMapCanvas
        map={map}
        resolution={MAP_RESOLUTION}
        extent={DATASET_EXTENT}
        points={data}
        size={MAP_SIZE_PX}
        label="Decision map of your trained network on XOR: warm regions are class 1 (circles), cool regions class 0 (squares), pale regions uncertain"
        className="rounded-lg border border-slate-200"
      />
      <div className="min-w-0">
        <h4 className="font-semibold">Loss</h4>
        <LossChart
          steps={chart.steps}
          series={[{ label: "loss", values: chart.values, color: "#0f172a", width: 2 }]}
          isLogScale={false}
          height={CHART_HEIGHT_PX}
          label="Your loop's loss curve: training loss by iteration"
          showLegend={false}
        />
      </div>
    </div>
  );
}
