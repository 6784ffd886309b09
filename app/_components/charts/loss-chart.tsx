"use client";

import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { STEP_AXIS_INCREMENTS } from "./step-axis";

export type LossSeries = {
  label: string;
  /** One value per x; null where the series has no point (not started yet, or past its end). */
  values: ReadonlyArray<number | null>;
  color: string;
  width?: number;
  /** Canvas dash pattern ([on, off, …] in px): told apart without colour. Solid when absent. */
  dash?: readonly number[];
};

type LossChartProps = {
  /** Shared x values (training steps), ascending. */
  steps: ReadonlyArray<number>;
  series: ReadonlyArray<LossSeries>;
  isLogScale: boolean;
  height: number;
  /** Accessible name: a canvas chart is one image to a screen reader. */
  label: string;
  /** Hide uPlot's legend when there are too many series for it to mean anything. */
  showLegend?: boolean;
  /**
   * False while nobody can see it (the dashboard's overlay scrolled away): new data is not drawn
   * until it is true again, then the latest is. Default true.
   */
  isDrawn?: boolean;
};

/**
 * Loss curves on a canvas (uPlot): smooth with hundreds of series, where an SVG chart is not.
 * The chart is rebuilt only when the set of series or the scale changes; new data is pushed
 * with setData, which redraws without re-layout.
 */
export function LossChart({
  steps,
  series,
  isLogScale,
  height,
  label,
  showLegend = true,
  isDrawn = true,
}: LossChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const shapeKey = `${isLogScale}|${showLegend}|${series.map((s) => `${s.label}:${s.color}:${s.width ?? 1}:${s.dash?.join(" ") ?? ""}`).join(",")}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt on shape changes only (shapeKey); data flows through the effect below
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const options: uPlot.Options = {
      width: container.clientWidth || 300,
      height,
      legend: { show: showLegend },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: isLogScale ? { distr: 3, log: 10 } : { auto: true } },
      axes: [
        { label: "step", size: 36, incrs: [...STEP_AXIS_INCREMENTS] },
        { label: isLogScale ? "loss (log)" : "loss", size: 56 },
      ],
      series: [
        { label: "step" },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.width ?? 1,
          ...(s.dash && s.dash.length > 0 ? { dash: [...s.dash] } : {}),
          // A line needs two points: a lone one (the untrained net's loss at step 0) is drawn as a dot.
          points: { show: (_plot: uPlot, _series: number, first: number, last: number) => first === last, size: 8 },
          spanGaps: false,
        })),
      ],
    };
    const plot = new uPlot(options, toData(steps, series, isLogScale), container);
    plotRef.current = plot;
    const observer = new ResizeObserver(() => plot.setSize({ width: container.clientWidth || 300, height }));
    observer.observe(container);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [shapeKey, height]);

  useEffect(() => {
    if (isDrawn) plotRef.current?.setData(toData(steps, series, isLogScale));
  }, [steps, series, isLogScale, isDrawn]);

  return <div ref={containerRef} role="img" aria-label={label} className="w-full" />;
}

/** A log axis cannot show 0 or negatives; a loss of exactly 0 is drawn at the floor instead. */
const LOG_FLOOR = 1e-6;

function toData(
  steps: ReadonlyArray<number>,
  series: ReadonlyArray<LossSeries>,
  isLogScale: boolean,
): uPlot.AlignedData {
  const columns = series.map((s) =>
    isLogScale ? s.values.map((v) => (v === null ? null : Math.max(v, LOG_FLOOR))) : (s.values as (number | null)[]),
  );
  return [steps as number[], ...columns];
}
