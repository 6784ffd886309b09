"use client";

import type { GroupFigures } from "@/lib/review/summary";
import { GroupMark } from "../../_components/group-mark";
import type { ScatterRun } from "../_lib/review-types";
import { HIDDEN_AXIS, LR_AXIS, SCATTER_STYLE, ScatterCanvas } from "./scatter-canvas";

const CHART_WIDTH_PX = 440;
const CHART_HEIGHT_PX = 260;

type WhatWorkedProps = {
  runs: ScatterRun[];
  dataset: string;
  /** The compared experiment's groups: runs are then coloured and shaped by group. */
  groups?: readonly Pick<GroupFigures, "index" | "label">[];
};

/**
 * "What worked": capacity and step size against final loss, every run of the class, by outcome;
 * in a group experiment also by group (its colour and shape; filled when it reached the target).
 */
export function WhatWorked({ runs, dataset, groups = [] }: WhatWorkedProps) {
  const reached = runs.filter((run) => run.isReachedTarget).length;
  const summary = `${runs.length} verified runs on ${dataset}, ${reached} reached the target`;
  const byGroup = groups.length > 0;
  const groupWords = groups
    .map((group) => `${group.label}: ${runs.filter((run) => run.group === group.index).length} runs`)
    .join("; ");
  const label = byGroup ? `${summary}. ${groupWords}` : summary;
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap gap-4 text-sm text-slate-800" data-testid="scatter-legend">
        {byGroup ? (
          <>
            {groups.map((group) => (
              <span key={group.index} data-testid="scatter-group">
                <GroupMark index={group.index} /> {group.label} (
                {runs.filter((run) => run.group === group.index).length})
              </span>
            ))}
            {runs.some((run) => run.group === null) ? (
              <span>
                <span aria-hidden="true" style={{ color: SCATTER_STYLE.ungrouped }}>
                  ×
                </span>{" "}
                in no group ({runs.filter((run) => run.group === null).length})
              </span>
            ) : null}
            <span>
              filled: reached the target ({reached}); outline: did not ({runs.length - reached})
            </span>
          </>
        ) : (
          <>
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
          </>
        )}
      </p>
      <div className="flex flex-wrap gap-4">
        <ScatterCanvas
          runs={runs}
          x={HIDDEN_AXIS}
          width={CHART_WIDTH_PX}
          height={CHART_HEIGHT_PX}
          byGroup={byGroup}
          label={`Hidden units against final loss: ${label}`}
        />
        <ScatterCanvas
          runs={runs}
          x={LR_AXIS}
          width={CHART_WIDTH_PX}
          height={CHART_HEIGHT_PX}
          byGroup={byGroup}
          label={`Learning rate against final loss: ${label}`}
        />
      </div>
    </div>
  );
}
