"use client";

import { useMemo } from "react";
import { DecisionMapCanvas, type MapPoints } from "@/app/_components/charts/decision-map-canvas";
import { disagreementShare } from "@/lib/classroom/consensus";
import type { SessionSettings } from "@/lib/classroom/settings";
import { DATASET_EXTENT, makeDataset } from "@/lib/ml/nn/datasets";
import { MAP_RESOLUTION, type TeacherConsensus } from "@/lib/protocol";

type ConsensusViewProps = {
  consensus: TeacherConsensus | null;
  settings: Pick<SessionSettings, "dataset" | "noise" | "dataSeed">;
  mapSize: number;
  /** Larger type for the projector. */
  isLarge?: boolean;
};

function useDataPoints(settings: ConsensusViewProps["settings"]): MapPoints | undefined {
  return useMemo(() => {
    try {
      const data = makeDataset(settings.dataset, { noise: settings.noise, seed: settings.dataSeed });
      return { xs: data.xs, ys: data.ys };
    } catch {
      return undefined;
    }
  }, [settings.dataset, settings.noise, settings.dataSeed]);
}

/**
 * The class consensus: the average of the students' current maps (the decision-map colours) and
 * where their models disagree, each with its legend in words, and the disagreement's extent as a
 * figure, so colour is never the only signal.
 */
export function ConsensusView({ consensus, settings, mapSize, isLarge = false }: ConsensusViewProps) {
  const points = useDataPoints(settings);
  const count = consensus?.count ?? 0;
  const strong = consensus && count > 0 ? Math.round(disagreementShare(consensus.disagreement) * 100) : 0;
  const students = count === 1 ? "1 student's map" : `${count} students' maps`;
  const text = isLarge ? "text-[clamp(1rem,2.4vh,1.75rem)]" : "text-sm";
  if (count === 0) {
    return (
      <p className={`${text} text-slate-700`} data-testid="consensus-empty">
        No student maps yet: the consensus appears once students train.
      </p>
    );
  }
  return (
    <div className="flex flex-wrap items-start justify-center gap-6" data-testid="consensus">
      <figure className="space-y-1">
        <figcaption className={`${text} font-semibold`}>Average of {students}</figcaption>
        <DecisionMapCanvas
          map={consensus?.mean ?? null}
          resolution={MAP_RESOLUTION}
          extent={DATASET_EXTENT}
          points={points}
          size={mapSize}
          label={`Average decision map of ${students}: warm = class 1, cool = class 0, faint = uncertain`}
          className="rounded-lg border border-slate-300"
        />
        <p className={text} style={{ maxWidth: mapSize }} data-testid="consensus-legend">
          Warm = the class says class 1 (circles), cool = class 0 (squares), faint = uncertain on average.
        </p>
      </figure>
      <figure className="space-y-1">
        <figcaption className={`${text} font-semibold`}>Where the models disagree</figcaption>
        <DecisionMapCanvas
          map={consensus?.disagreement ?? null}
          resolution={MAP_RESOLUTION}
          extent={DATASET_EXTENT}
          points={points}
          size={mapSize}
          tone="disagreement"
          label={`Disagreement map: dark where the class splits, light where everyone agrees; strong disagreement on ${strong} % of the plane`}
          className="rounded-lg border border-slate-300"
        />
        <p className={text} style={{ maxWidth: mapSize }} data-testid="disagreement-legend">
          Dark = the class splits (half predict each class), light = everyone predicts the same class. Strong
          disagreement on <strong className="font-mono">{strong} %</strong> of the plane.
        </p>
      </figure>
    </div>
  );
}
