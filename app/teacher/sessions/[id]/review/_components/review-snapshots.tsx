"use client";

import { useMemo } from "react";
import { DecisionMapCanvas } from "@/app/_components/charts/decision-map-canvas";
import { Sparkline } from "@/app/teacher/_components/sparkline";
import type { RunConfig } from "@/lib/classroom/settings";
import type { LossPoint } from "@/lib/curve";
import { DATASET_EXTENT } from "@/lib/ml/nn/datasets";
import { MAP_RESOLUTION, type SnapshotWeightsStatus, type Weights } from "@/lib/protocol";
import { formatAccuracy, formatConfig, formatLoss, formatMissingNetwork, formatStep } from "../../_lib/format";
import { RunNetwork } from "./run-network";

/** One snapshot as the review page passes it (the map as plain numbers: props cross to the browser as JSON). */
export type ReviewSnapshotView = {
  id: string;
  nickname: string;
  label: string;
  config: RunConfig | null;
  step: number;
  loss: number | null;
  accuracy: number | null;
  curve: LossPoint[];
  map: number[] | null;
  weights: Weights | null;
  /** Where the weights came from, or why there are none. */
  weightsStatus: SnapshotWeightsStatus | null;
  createdAt: number;
};

const THUMBNAIL_PX = 128;

/** The snapshots the teacher took during class, in their order, each with its map, curve, figures and network. */
export function ReviewSnapshots({ snapshots }: { snapshots: readonly ReviewSnapshotView[] }) {
  if (snapshots.length === 0) return <p className="text-slate-700">No snapshots were taken in this session.</p>;
  return (
    <ol className="grid grid-cols-[repeat(auto-fill,minmax(22rem,1fr))] gap-3" data-testid="review-snapshots">
      {snapshots.map((snapshot, index) => (
        <ReviewSnapshotCard key={snapshot.id} snapshot={snapshot} position={index + 1} />
      ))}
    </ol>
  );
}

function ReviewSnapshotCard({ snapshot, position }: { snapshot: ReviewSnapshotView; position: number }) {
  const map = useMemo(() => (snapshot.map ? Uint8Array.from(snapshot.map) : null), [snapshot.map]);
  const steps = useMemo(() => snapshot.curve.map((point) => point[0]), [snapshot.curve]);
  const losses = useMemo(() => snapshot.curve.map((point) => point[1]), [snapshot.curve]);
  const title = `${position}. ${snapshot.nickname}${snapshot.label ? ` — ${snapshot.label}` : ""}`;
  return (
    <li className="card p-3" data-testid="review-snapshot">
      <h3 className="font-bold">{title}</h3>
      <p className="text-sm text-slate-700">
        {formatConfig(snapshot.config)} · taken {new Date(snapshot.createdAt).toLocaleTimeString("en")}
      </p>
      <div className="mt-2 flex gap-3">
        <DecisionMapCanvas
          map={map}
          resolution={MAP_RESOLUTION}
          extent={DATASET_EXTENT}
          size={THUMBNAIL_PX}
          label={`Snapshot of ${snapshot.nickname}'s decision map`}
          className="rounded border border-slate-200"
        />
        <div className="space-y-1 text-sm">
          <p>
            Loss <strong className="font-mono">{formatLoss(snapshot.loss)}</strong>
          </p>
          <p>
            Accuracy <strong className="font-mono">{formatAccuracy(snapshot.accuracy)}</strong>
          </p>
          <p>
            Step <span className="font-mono">{formatStep(snapshot.step)}</span>
          </p>
          <Sparkline
            steps={steps}
            losses={losses}
            width={140}
            height={40}
            label={`Loss curve of ${snapshot.nickname}'s snapshot`}
          />
        </div>
      </div>
      {snapshot.weights ? (
        <RunNetwork
          weights={snapshot.weights}
          hidden={snapshot.config?.hidden}
          points={undefined}
          nickname={snapshot.nickname}
        />
      ) : (
        <p className="mt-2 text-sm text-slate-700">{formatMissingNetwork(false, snapshot.weightsStatus)}</p>
      )}
    </li>
  );
}
