"use client";

import { useMemo } from "react";
import type { MapLine, MapPoints } from "@/app/_components/charts/decision-map-canvas";
import { buildNetworkModel, type NetworkModel, overlayLines } from "@/app/_components/network/network-model";
import type { RunConfig } from "@/lib/classroom/settings";
import { makeDataset } from "@/lib/ml/nn/datasets";
import type { Weights } from "@/lib/protocol";

/** A snapshot's network view: the run's points, the net built from its weights, each unit's line on the map. */
export type SnapshotNetwork = { points: MapPoints | undefined; model: NetworkModel | null; lines: MapLine[] };

/**
 * The network view of a snapshot (tray thumbnail, projector card): built once per weights, with
 * the run's points so dead units are counted on the data the net trained on. No weights: no model.
 */
export function useSnapshotNetwork(weights: Weights | null, config: RunConfig | null): SnapshotNetwork {
  const points = useMemo((): MapPoints | undefined => {
    if (!config) return undefined;
    try {
      const data = makeDataset(config.dataset, { noise: config.noise, seed: config.dataSeed });
      return { xs: data.xs, ys: data.ys };
    } catch {
      return undefined;
    }
  }, [config]);
  const hidden = config?.hidden;
  const model = useMemo(
    () => (weights ? buildNetworkModel(weights, points ?? null, hidden) : null),
    [weights, points, hidden],
  );
  const lines = useMemo(() => overlayLines(model, null, true), [model]);
  return { points, model, lines };
}
