"use client";

import { useMemo } from "react";
import { type HyperParams, resolveRunConfig, type SessionSettings } from "@/lib/classroom/settings";
import { describeUntrained } from "@/lib/training";
import { DISPLAY_MAP_RESOLUTION, type TrainingView } from "./worker-protocol";

/**
 * What the training panel draws: a run's view, the untrained net's (no run yet, so no run id) or
 * a run restored from the server (no weights, so no traits).
 */
export type PanelView = Omit<TrainingView, "runId" | "traits"> & { traits: TrainingView["traits"] | null };

/**
 * The view of the net the student's next run would start from (their form's choice within the
 * class's locks), at step 0: map, loss and accuracy before any step. Null until the class state is
 * there. Built on the main thread: one 64 × 64 map and two passes over 200 points take a few ms.
 */
export function useUntrainedView(
  settings: SessionSettings | null,
  choice: HyperParams | null,
): { view: PanelView; config: ReturnType<typeof resolveRunConfig> } | null {
  return useMemo(() => {
    if (!settings) return null;
    const config = resolveRunConfig(settings, choice ?? {});
    const net = describeUntrained(config, DISPLAY_MAP_RESOLUTION);
    const view: PanelView = {
      phase: "paused",
      step: 0,
      steps: config.steps,
      loss: net.loss,
      accuracy: net.accuracy,
      targetReachedStep: null,
      curve: Number.isFinite(net.loss) ? [[0, net.loss]] : [],
      map: net.map,
      traits: net.traits,
      weights: net.weights,
    };
    return { view, config };
  }, [settings, choice]);
}
