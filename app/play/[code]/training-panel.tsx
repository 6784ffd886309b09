"use client";

import { useMemo, useRef, useState } from "react";
import { DecisionMapCanvas } from "@/app/_components/charts/decision-map-canvas";
import { LossChart, type LossSeries } from "@/app/_components/charts/loss-chart";
import { buildNetworkModel, overlayLines } from "@/app/_components/network/network-model";
import { NetworkView } from "@/app/_components/network/network-view";
import { ParameterCount } from "@/app/_components/parameter-count";
import { useBoxWidth } from "@/app/_components/use-box-width";
import type { RunConfig, SessionSettings } from "@/lib/classroom/settings";
import { DATASET_EXTENT, DEFAULT_N, makeDataset } from "@/lib/ml/nn";
import { adviseRun, editedDataset, type PointEdit, type PointEditRequest } from "@/lib/training";
import { NetworkFacts, useDecisionLine } from "./network-facts";
import { PointEditor } from "./point-editor";
import type { PanelView } from "./use-untrained-view";
import { DISPLAY_MAP_RESOLUTION } from "./worker-protocol";

/** The map is square and fills its column, up to this many CSS pixels. */
const MAP_MAX_SIZE_PX = 420;
/** Loss chart height in CSS pixels: tall enough to read a plateau on a phone. */
const CHART_HEIGHT_PX = 220;
/** The curve's colour: the chapter's ink, not a class colour (warm/cool mean classes here). */
const CURVE_COLOR = "#0f172a";

type TrainingPanelProps = {
  /** The run's view, or the untrained net's before the first run. */
  view: PanelView | null;
  /** The run's config, else the class's settings: both say which points to draw. */
  config: RunConfig | null;
  settings: SessionSettings;
  /** The run's point edits: the map draws the edited points. */
  edits: readonly PointEdit[];
  /** Adding points is allowed now (the teacher's switch, a run on). */
  canEdit: boolean;
  onEdit: (edit: PointEditRequest) => void;
};

/** The decision map with the class's points, the loss curve, the figures and, after a failed run, advice. */
export function TrainingPanel({ view, config, settings, edits, canEdit, onEdit }: TrainingPanelProps) {
  const [isLogScale, setIsLogScale] = useState(false);
  const mapBoxRef = useRef<HTMLDivElement>(null);
  const mapSize = useBoxWidth(mapBoxRef, MAP_MAX_SIZE_PX);
  const [isDiscretized, setIsDiscretized] = useState(false);
  const [highlightedUnit, setHighlightedUnit] = useState<number | null>(null);
  const [isShowingAllLines, setIsShowingAllLines] = useState(false);
  const dataset = config?.dataset ?? settings.dataset;
  const noise = config?.noise ?? settings.noise;
  const dataSeed = config?.dataSeed ?? settings.dataSeed;
  const basePoints = useMemo(
    () => makeDataset(dataset, { n: DEFAULT_N, noise, seed: dataSeed }),
    [dataset, noise, dataSeed],
  );
  // The same log the Worker trains on, applied the same way (lib/training point-edits).
  const points = useMemo(() => editedDataset(basePoints, edits), [basePoints, edits]);
  const chart = useMemo(() => {
    const curve = view?.curve ?? [];
    const series: LossSeries[] = [
      { label: "loss", values: curve.map(([, loss]) => loss), color: CURVE_COLOR, width: 2 },
    ];
    return { steps: curve.map(([step]) => step), series };
  }, [view?.curve]);
  const hidden = config?.hidden;
  const weights = view?.weights ?? null;
  const network = useMemo(
    () => (weights === null ? null : buildNetworkModel(weights, points, hidden)),
    [weights, points, hidden],
  );
  const lines = useMemo(
    () => overlayLines(network, highlightedUnit, isShowingAllLines),
    [network, highlightedUnit, isShowingAllLines],
  );
  const target = config?.targetAccuracy ?? settings.targetAccuracy;
  const advice = useMemo(() => {
    if (!view || !config) return [];
    if (view.phase === "diverged") return adviseRun(config, "diverged", view.curve, view.traits);
    if (view.phase === "completed" && view.targetReachedStep === null)
      return adviseRun(config, "belowTarget", view.curve, view.traits);
    return [];
  }, [view, config]);
  const line = useDecisionLine(view?.traits?.linearLogit ?? null);

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div ref={mapBoxRef} className="min-w-0">
        <h2 className="sr-only">Decision map</h2>
        <PointEditor
          size={mapSize}
          extent={DATASET_EXTENT}
          isEnabled={canEdit}
          disabledReason={
            settings.allowPointEdits
              ? "Start a run to add points while it trains."
              : "Your teacher has turned off adding points."
          }
          editCount={edits.length}
          onEdit={onEdit}
        >
          <DecisionMapCanvas
            map={view?.map ?? null}
            resolution={mapResolutionOf(view?.map ?? null)}
            extent={DATASET_EXTENT}
            points={points}
            line={line?.segment ?? null}
            size={mapSize}
            label={`Decision map of your network on ${dataset}: warm regions are class 1 (circles), cool regions class 0 (squares), ${isDiscretized ? "each region in its predicted class's colour" : "pale regions uncertain"}`}
            className="rounded-lg border border-slate-200"
            lines={lines}
            isDiscretized={isDiscretized}
          />
        </PointEditor>
        <p className="mt-2 text-sm text-slate-600">
          <span aria-hidden="true" className="text-warm-700">
            ●{" "}
          </span>
          class 1 ·{" "}
          <span aria-hidden="true" className="text-cool-700">
            ■{" "}
          </span>
          class 0 · {isDiscretized ? "hard regions" : "pale = unsure"}
        </p>
        <ParameterCount hidden={config?.hidden ?? settings.defaults.hidden} className="mt-1 text-sm text-slate-700" />
        <NetworkFacts
          traits={view?.traits ?? null}
          line={line}
          dataset={dataset}
          activation={config?.activation ?? settings.defaults.activation}
        />
        <label className="mt-1 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={isDiscretized} onChange={(event) => setIsDiscretized(event.target.checked)} />
          Discretize (hard regions)
        </label>
        <div className="mt-4">
          <NetworkView
            model={network}
            title="Your network"
            highlightedUnit={highlightedUnit}
            onHighlightUnit={setHighlightedUnit}
            isShowingAllLines={isShowingAllLines}
            onShowAllLines={setIsShowingAllLines}
          />
        </div>
      </div>
      <div className="min-w-0 space-y-4">
        <dl className="grid grid-cols-3 gap-2 text-center">
          <Figure
            label="Step"
            testId="step-counter"
            value={view ? `${view.step.toLocaleString("en")} / ${view.steps.toLocaleString("en")}` : "0"}
          />
          <Figure label="Loss" testId="loss" value={view?.loss == null ? "–" : view.loss.toPrecision(3)} />
          <Figure
            label={`Accuracy (target ${Math.round(target * 100)} %)`}
            testId="accuracy"
            value={view?.accuracy == null ? "–" : `${(view.accuracy * 100).toFixed(1)} %`}
          />
        </dl>
        <div>
          <div className="flex items-center justify-between">
            <h2 className="font-semibold">Loss</h2>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={isLogScale} onChange={(event) => setIsLogScale(event.target.checked)} />
              Log scale
            </label>
          </div>
          <LossChart
            steps={chart.steps}
            series={chart.series}
            isLogScale={isLogScale}
            height={CHART_HEIGHT_PX}
            label="Your loss curve: training loss by step"
            showLegend={false}
          />
        </div>
        {advice.length > 0 ? (
          <section aria-labelledby="advice-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-3">
            <h2 id="advice-heading" className="font-semibold">
              What to try next
            </h2>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
              {advice.map((item) => (
                <li key={item.text}>{item.text}</li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}

/** A map's side from its length: the Worker's are 64 × 64, a map restored from the server 32 × 32. */
function mapResolutionOf(map: Uint8Array | null): number {
  return map ? Math.round(Math.sqrt(map.length)) : DISPLAY_MAP_RESOLUTION;
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg bg-slate-100 px-2 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="font-mono text-base font-semibold tabular-nums sm:text-lg" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
