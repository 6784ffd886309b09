"use client";

import { useMemo } from "react";
import { DecisionMapCanvas } from "@/app/_components/charts/decision-map-canvas";
import { LossChart } from "@/app/_components/charts/loss-chart";
import type { RunConfig } from "@/lib/classroom/settings";
import { DATASET_EXTENT } from "@/lib/ml/nn/datasets";
import {
  type CompareView,
  MAP_RESOLUTION,
  type SnapshotWeightsStatus,
  type TraySnapshot,
  type Weights,
} from "@/lib/protocol";
import { type Tile, tileName } from "../_lib/dashboard-state";
import { formatAccuracy, formatConfig, formatLoss, formatMissingNetwork, formatStep } from "../_lib/format";
import { useClassTile } from "../_lib/use-class-store";
import { useSnapshotNetwork } from "../_lib/use-snapshot-network";

/** Gap between cards, as a share of the width. */
const GAP_SHARE = 0.015;
/** Side padding of the projector page (px-[3vw]) on both sides. */
const PAGE_PADDING_SHARE = 0.06;
/** A card's inner padding and border, in px, on each side. */
const CARD_PADDING_PX = 14;
/** The map's share of the height: two cards get bigger maps than four. */
const MAP_HEIGHT_SHARE = { 2: 0.44, 3: 0.42, 4: 0.4 } as const;
const CHART_HEIGHT_SHARE = 0.15;
const MIN_CHART_PX = 80;

/** What one card draws: a frozen snapshot, or the student's tile now (live). */
type CardContent = {
  key: string;
  name: string;
  label: string;
  config: RunConfig | null;
  map: Uint8Array | null;
  steps: readonly number[];
  losses: readonly number[];
  loss: number | null;
  accuracy: number | null;
  step: number;
  weights: Weights | null;
  /** Why a frozen card has no network view; null for a live card (it never has one). */
  weightsStatus: SnapshotWeightsStatus | null | undefined;
  isGone: boolean;
};

function fromSnapshot(snapshot: TraySnapshot): CardContent {
  return {
    key: snapshot.id,
    name: snapshot.name,
    label: snapshot.label,
    config: snapshot.config,
    map: snapshot.map,
    steps: snapshot.curve.map((point) => point[0]),
    losses: snapshot.curve.map((point) => point[1]),
    loss: snapshot.loss,
    accuracy: snapshot.accuracy,
    step: snapshot.step,
    weights: snapshot.weights,
    weightsStatus: snapshot.weightsStatus,
    isGone: false,
  };
}

function fromTile(snapshot: TraySnapshot, tile: Tile | undefined, isAnonymized: boolean): CardContent {
  if (!tile) return { ...fromSnapshot(snapshot), isGone: true };
  return {
    key: snapshot.id,
    name: tileName(tile, isAnonymized),
    label: snapshot.label,
    config: tile.config,
    map: tile.map,
    steps: tile.steps,
    losses: tile.losses,
    loss: tile.loss,
    accuracy: tile.accuracy,
    step: tile.step,
    // Live weights reach the server only for the spotlit student: a live card draws no network.
    weights: null,
    weightsStatus: null,
    isGone: false,
  };
}

type CompareViewProps = {
  compare: NonNullable<CompareView>;
  snapshots: readonly TraySnapshot[];
  isAnonymized: boolean;
  viewport: { width: number; height: number };
};

/**
 * 2–4 snapshots side by side on the projector, each with its map (the data on top, a frozen
 * snapshot's unit lines from its weights), loss curve, figures and configuration. Sized from the
 * window so 1280 × 720 and 1920 × 1080 need no scrolling (test/e2e/compare.spec.ts measures it).
 */
export function CompareCards({ compare, snapshots, isAnonymized, viewport }: CompareViewProps) {
  const byId = new Map(snapshots.map((snapshot) => [snapshot.id, snapshot]));
  const shown = compare.snapshotIds.flatMap((id) => byId.get(id) ?? []);
  const count = Math.max(2, Math.min(4, shown.length)) as 2 | 3 | 4;
  const cardWidth = (viewport.width * (1 - PAGE_PADDING_SHARE) - (count - 1) * viewport.width * GAP_SHARE) / count;
  const mapSize = Math.max(
    120,
    Math.floor(Math.min(cardWidth - 2 * CARD_PADDING_PX, viewport.height * MAP_HEIGHT_SHARE[count])),
  );
  const chartHeight = Math.max(MIN_CHART_PX, Math.round(viewport.height * CHART_HEIGHT_SHARE));
  return (
    <section aria-label="Snapshots side by side" className="w-full" data-testid="present-compare">
      <p className="mb-[1vh] text-[clamp(1rem,2.4vh,1.75rem)] font-semibold">
        {compare.isLive ? "Live: each follows its student now" : "Snapshots as taken"}
      </p>
      <ol className="flex w-full justify-center" style={{ gap: viewport.width * GAP_SHARE }}>
        {shown.map((snapshot) => (
          <CompareCard
            key={snapshot.id}
            snapshot={snapshot}
            isLive={compare.isLive}
            isAnonymized={isAnonymized}
            width={cardWidth}
            mapSize={mapSize}
            chartHeight={chartHeight}
          />
        ))}
      </ol>
    </section>
  );
}

function CompareCard({
  snapshot,
  isLive,
  isAnonymized,
  width,
  mapSize,
  chartHeight,
}: {
  snapshot: TraySnapshot;
  isLive: boolean;
  isAnonymized: boolean;
  width: number;
  mapSize: number;
  chartHeight: number;
}) {
  // Live: the student's tile now, from the class store (a new object whenever it changed).
  const tile = useClassTile(isLive ? snapshot.participantId : null);
  const content = useMemo(
    () => (isLive ? fromTile(snapshot, tile, isAnonymized) : fromSnapshot(snapshot)),
    [isLive, snapshot, tile, isAnonymized],
  );
  const { points, model, lines } = useSnapshotNetwork(content.weights, content.config);
  const missing = isLive ? null : formatMissingNetwork(model !== null, content.weightsStatus);
  const curve = useMemo(() => ({ steps: content.steps, values: content.losses }), [content.steps, content.losses]);
  const series = useMemo(
    () => [{ label: content.name, values: curve.values, color: "rgb(15, 23, 42)", width: 2 }],
    [curve, content.name],
  );
  const heading = content.label ? `${content.name} — ${content.label}` : content.name;
  return (
    <li className="card min-w-0 p-[14px] text-left" style={{ width }} data-testid="compare-card" aria-label={heading}>
      <h2 className="truncate text-[clamp(1.1rem,3vh,2.25rem)] leading-tight font-bold" title={heading}>
        {heading}
      </h2>
      <p className="truncate text-[clamp(0.9rem,2vh,1.4rem)]">{formatConfig(content.config)}</p>
      <DecisionMapCanvas
        map={content.map}
        resolution={MAP_RESOLUTION}
        extent={DATASET_EXTENT}
        points={points}
        size={mapSize}
        line={model?.decisionLine?.segment ?? null}
        lines={lines}
        label={`Decision map of ${content.name}: warm = class 1 (circles), cool = class 0 (squares)${model ? "; lines: each hidden unit's boundary" : ""}`}
        className="mx-auto mt-[0.5vh] rounded-lg border border-slate-300"
      />
      <p className="mt-[0.5vh] text-[clamp(0.9rem,2vh,1.4rem)]">
        Loss <strong className="font-mono">{formatLoss(content.loss)}</strong> · Acc.{" "}
        <strong className="font-mono">{formatAccuracy(content.accuracy)}</strong> · step{" "}
        <span className="font-mono">{formatStep(content.step)}</span>
        {model ? ` · ${model.units.length} units${model.dead > 0 ? `, ${model.dead} dead` : ""}` : ""}
        {content.isGone ? " · left the class" : ""}
      </p>
      {missing && (
        <p className="truncate text-[clamp(0.8rem,1.6vh,1.1rem)] text-slate-700" data-testid="compare-card-no-network">
          {missing}
        </p>
      )}
      <LossChart
        steps={curve.steps}
        series={series}
        isLogScale={false}
        height={chartHeight}
        label={`Loss curve of ${content.name}`}
        showLegend={false}
      />
    </li>
  );
}
