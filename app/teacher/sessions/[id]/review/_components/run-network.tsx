"use client";

import { useMemo, useState } from "react";
import type { MapPoints } from "@/app/_components/charts/decision-map-canvas";
import { buildNetworkModel } from "@/app/_components/network/network-model";
import { NetworkView } from "@/app/_components/network/network-view";
import { describeDecisionLine } from "@/lib/ml/nn";
import type { Weights } from "@/lib/protocol";

/** The review's diagram fits beside a 128 px map in a run card. */
const NETWORK_MAX_WIDTH_PX = 360;

/**
 * A finished run's final network, drawn from its stored weights with lib/ml/nn (the live view's
 * component): each unit's map and line, dead units marked on the run's own points, and a linear
 * net's decision line in words. Folded by default so a student with many runs stays readable.
 */
export function RunNetwork({
  weights,
  hidden,
  points,
  nickname,
}: {
  weights: Weights;
  hidden: number | undefined;
  points: MapPoints | undefined;
  nickname: string;
}) {
  const model = useMemo(() => buildNetworkModel(weights, points ?? null, hidden), [weights, points, hidden]);
  const [highlightedUnit, setHighlightedUnit] = useState<number | null>(null);
  const [isShowingAllLines, setIsShowingAllLines] = useState(false);
  if (model === null) return null;
  return (
    <details className="mt-2" data-testid="run-network">
      <summary className="cursor-pointer font-semibold">
        Final network{model.dead > 0 ? ` · ${model.dead} dead` : ""}
      </summary>
      {model.decisionLine ? <p className="mt-1">Linear net: {describeDecisionLine(model.decisionLine)}.</p> : null}
      <NetworkView
        model={model}
        title={`${nickname}'s final network`}
        highlightedUnit={highlightedUnit}
        onHighlightUnit={setHighlightedUnit}
        isShowingAllLines={isShowingAllLines}
        onShowAllLines={setIsShowingAllLines}
        maxWidth={NETWORK_MAX_WIDTH_PX}
      />
    </details>
  );
}
