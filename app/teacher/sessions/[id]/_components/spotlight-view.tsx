"use client";

import { useMemo, useState } from "react";
import { DecisionMapCanvas, type MapPoints } from "@/app/_components/charts/decision-map-canvas";
import { LossChart } from "@/app/_components/charts/loss-chart";
import { overlayLines } from "@/app/_components/network/network-model";
import { NetworkView } from "@/app/_components/network/network-view";
import { StatusLabel } from "@/app/teacher/_components/status-label";
import type { SessionSettings } from "@/lib/classroom/settings";
import { describeDecisionLine } from "@/lib/ml/nn";
import { DATASET_EXTENT, makeDataset } from "@/lib/ml/nn/datasets";
import { parameterSum } from "@/lib/ml/nn/parameter-count";
import { MAP_RESOLUTION, type TeacherNetwork } from "@/lib/protocol";
import type { Tile } from "../_lib/dashboard-state";
import { formatAccuracy, formatLoss, formatStep } from "../_lib/format";
import { useSpotlightNetwork } from "../_lib/use-spotlight-network";

type SpotlightViewProps = {
  /** The spotlit student (immutable: a change comes as a new object). */
  tile: Tile;
  name: string;
  settings: SessionSettings;
  mapSize: number;
  /** Loss chart height in px (default 220); the projector sizes it to its screen. */
  chartHeight?: number;
  /** The configuration in three columns instead of one: two rows fit under a projector's chart. */
  isCompact?: boolean;
  /** The spotlit student's latest weights (teacher:network); the network view is drawn from them. */
  network?: TeacherNetwork | null;
  /** Widest the network diagram may grow, in CSS px (the projector keeps it beside the map). */
  networkMaxWidth?: number;
  /** Tallest the diagram may grow, in CSS px; default: no limit. */
  networkMaxHeight?: number;
};

/** The session's data points, drawn over the spotlit map; null when the settings cannot make them. */
function useDatasetPoints(settings: Pick<SessionSettings, "dataset" | "noise" | "dataSeed">): MapPoints | undefined {
  return useMemo(() => {
    try {
      const data = makeDataset(settings.dataset, { noise: settings.noise, seed: settings.dataSeed });
      return { xs: data.xs, ys: data.ys };
    } catch {
      return undefined;
    }
  }, [settings.dataset, settings.noise, settings.dataSeed]);
}

const DEFAULT_CHART_HEIGHT_PX = 220;
/** The diagram beside the map: hidden 8 in one column of 44 px thumbnails fits 320 px wide. */
const DEFAULT_NETWORK_MAX_WIDTH_PX = 320;

/** One student large: live map with the data, their loss curve, figures and configuration. */
export function SpotlightView({
  tile,
  name,
  settings,
  mapSize,
  chartHeight = DEFAULT_CHART_HEIGHT_PX,
  isCompact = false,
  network = null,
  networkMaxWidth = DEFAULT_NETWORK_MAX_WIDTH_PX,
  networkMaxHeight,
}: SpotlightViewProps) {
  // The run trained on its own config's data; before a run, the class's current data.
  const points = useDatasetPoints(tile.config ?? settings);
  const curve = useMemo(() => ({ steps: tile.steps, values: tile.losses }), [tile.steps, tile.losses]);
  const series = useMemo(
    () => [{ label: name, values: curve.values, color: "rgb(15, 23, 42)", width: 2 }],
    [curve, name],
  );
  const config = tile.config;
  const model = useSpotlightNetwork(tile, network, points);
  const [highlightedUnit, setHighlightedUnit] = useState<number | null>(null);
  const [isShowingAllLines, setIsShowingAllLines] = useState(false);
  const lines = useMemo(
    () => overlayLines(model, highlightedUnit, isShowingAllLines),
    [model, highlightedUnit, isShowingAllLines],
  );
  const decisionLine = model?.decisionLine ?? null;
  return (
    <div className="flex flex-wrap items-start gap-6" data-testid="spotlight">
      <div className="space-y-1">
        <DecisionMapCanvas
          map={tile.map}
          resolution={MAP_RESOLUTION}
          extent={DATASET_EXTENT}
          points={points}
          size={mapSize}
          line={decisionLine?.segment ?? null}
          lines={lines}
          label={`Decision map of ${name}: warm = class 1 (circles), cool = class 0 (squares)${decisionLine ? `; decision line: ${describeDecisionLine(decisionLine)}` : ""}`}
          className="rounded-lg border border-slate-300"
        />
        {decisionLine ? (
          <p className="max-w-sm text-sm" data-testid="spotlight-decision-line" style={{ maxWidth: mapSize }}>
            Linear net: {describeDecisionLine(decisionLine)}.
          </p>
        ) : null}
      </div>
      <div className="min-w-0" style={{ width: networkMaxWidth }} data-testid="spotlight-network">
        <NetworkView
          model={model}
          title="Network, live from the weights"
          highlightedUnit={highlightedUnit}
          onHighlightUnit={setHighlightedUnit}
          isShowingAllLines={isShowingAllLines}
          onShowAllLines={setIsShowingAllLines}
          maxWidth={networkMaxWidth}
          maxDiagramHeight={networkMaxHeight}
          isCompact={isCompact}
        />
      </div>
      <div className="min-w-64 flex-1 space-y-3">
        <p className="flex flex-wrap items-baseline gap-x-6 gap-y-1 text-2xl">
          <span>
            Loss <strong className="font-mono">{formatLoss(tile.loss)}</strong>
          </span>
          <span>
            Accuracy <strong className="font-mono">{formatAccuracy(tile.accuracy)}</strong>
          </span>
          <span>
            Step <strong className="font-mono">{formatStep(tile.step)}</strong>
          </span>
          <StatusLabel status={tile.status} />
          {tile.isEdited ? (
            <span className="font-semibold text-amber-800" data-testid="spotlight-edited">
              ✎ edited data
            </span>
          ) : null}
        </p>
        <LossChart
          steps={curve.steps}
          series={series}
          isLogScale={false}
          height={chartHeight}
          label={`Loss curve of ${name}`}
          showLegend={false}
        />
        {config ? (
          <dl
            className={`grid gap-x-4 gap-y-1 text-base ${isCompact ? "grid-cols-[repeat(2,auto_1fr)]" : "grid-cols-[auto_1fr]"}`}
            aria-label="Configuration"
          >
            <dt className="font-semibold">Hidden units</dt>
            <dd className="font-mono">{config.hidden}</dd>
            <dt className="font-semibold">Parameters</dt>
            <dd className="font-mono" data-testid="spotlight-parameters">
              {parameterSum(config.hidden)}
            </dd>
            <dt className="font-semibold">Learning rate</dt>
            <dd className="font-mono">{config.lr}</dd>
            <dt className="font-semibold">Steps</dt>
            <dd className="font-mono">{formatStep(config.steps)}</dd>
            <dt className="font-semibold">Activation</dt>
            <dd className="font-mono">{config.activation}</dd>
            <dt className="font-semibold">Optimizer</dt>
            <dd className="font-mono">{config.optimizer}</dd>
            <dt className="font-semibold">Init scale</dt>
            <dd className="font-mono">{config.initScale}</dd>
            <dt className="font-semibold">Init seed</dt>
            <dd className="font-mono">{config.initSeed}</dd>
          </dl>
        ) : (
          <p className="text-slate-700">No run yet.</p>
        )}
      </div>
    </div>
  );
}
