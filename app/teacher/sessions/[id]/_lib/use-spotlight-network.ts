"use client";

import { useMemo } from "react";
import { buildNetworkModel, type NetworkModel } from "@/app/_components/network/network-model";
import type { Dataset } from "@/lib/ml/nn";
import type { TeacherNetwork } from "@/lib/protocol";
import type { Tile } from "./dashboard-state";

/**
 * The spotlit tile's network, drawn from the weights alone (teacher:network) with lib/ml/nn, as
 * the student's own view draws it: only weights of the tile's current run count, so a new run
 * shows no stale network.
 */
export function useSpotlightNetwork(
  tile: Pick<Tile, "id" | "runId" | "config">,
  network: TeacherNetwork | null,
  data: Dataset | undefined,
): NetworkModel | null {
  const weights =
    network !== null && network.participantId === tile.id && network.runId === tile.runId ? network.weights : null;
  const hidden = tile.config?.hidden;
  return useMemo(
    () => (weights === null ? null : buildNetworkModel(weights, data ?? null, hidden)),
    [weights, data, hidden],
  );
}
