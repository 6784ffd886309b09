"use client";

import { useMemo } from "react";
import type { MapPoints } from "@/app/_components/charts/decision-map-canvas";
import { type DatasetName, makeDataset } from "@/lib/ml/nn/datasets";
import type { DatasetView } from "./review-types";

/** The session's training points (same generator and seed as the students'), or undefined if the settings cannot make them. */
export function useDatasetPoints(view: Pick<DatasetView, "dataset" | "noise" | "dataSeed">): MapPoints | undefined {
  return useMemo(() => {
    try {
      const data = makeDataset(view.dataset as DatasetName, { noise: view.noise, seed: view.dataSeed });
      return { xs: data.xs, ys: data.ys };
    } catch {
      return undefined;
    }
  }, [view.dataset, view.noise, view.dataSeed]);
}
