"use client";

import type { ScatterRun } from "../_lib/review-types";
import { HIDDEN_AXIS, LR_AXIS, SCATTER_STYLE, ScatterCanvas } from "./scatter-canvas";

const CHART_WIDTH_PX = 440;
const CHART_HEIGHT_PX = 260;

/** "What worked": capacity and step size against final loss, every run of the class, by outcome. */
export function WhatWorked({ runs, dataset }: { runs: ScatterRun[]; dataset: string }) {
  const reached = runs.filter((run) => run.isReachedTarget).length;
  const summary = `${runs.length} verified runs on ${dataset}, ${reached} reached the target`;
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap gap-4 text-sm text-slate-800" data-testid="scatter-legend">
        <span>
          <span aria-hidden="true" style={{ color: SCATTER_STYLE.reached }}>
            ●
          </span>{" "}
          reached the target ({reached})
        </span>
        <span>
          <span aria-hidden="true" style={{ color: SCATTER_STYLE.notReached }}>
            □
          </span>{" "}
          did not ({runs.length - reached})
        </span>
      </p>
      <div className="flex flex-wrap gap-4">
        <ScatterCanvas
          runs={runs}
          x={HIDDEN_AXIS}
          width={CHART_WIDTH_PX}
          height={CHART_HEIGHT_PX}
          label={`Hidden units against final loss: ${summary}`}
        />
        <ScatterCanvas
          runs={runs}
          x={LR_AXIS}
          width={CHART_WIDTH_PX}
          height={CHART_HEIGHT_PX}
          label={`Learning rate against final loss: ${summary}`}
        />
      </div>
    </div>
  );
}
