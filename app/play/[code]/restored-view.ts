/**
 * A student's last run as the server sent it in session:state, as a view the training panel can
 * draw after a reload: its curve, its figures, and its net redrawn from the final weights (map at
 * the page's 64 × 64, network view, unit facts), else the server's latest 32 × 32 map. The Worker
 * starts empty after a reload, so without this the map and curve of a finished run were gone.
 */
import type { RunConfig } from "@/lib/classroom/settings";
import type { LastRun } from "@/lib/protocol";
import { describeWeights } from "@/lib/training";
import type { PanelView } from "./use-untrained-view";
import { DISPLAY_MAP_RESOLUTION, type RunPhase } from "./worker-protocol";

/** The page's phase for a run the server says ended so (null: the server still has it running). */
const PHASE_OF_OUTCOME: Record<NonNullable<LastRun["outcome"]>, RunPhase> = {
  finished: "completed",
  reachedTarget: "completed",
  diverged: "diverged",
  stopped: "stopped",
};

/**
 * The view of `lastRun`. A run the server still counts as running has no Worker here any more: it
 * shows as stopped where it was. "Reached" is the server's verdict, so a finish it judged below the
 * target says so even if the student's report had a target step.
 *
 * @example restoredView(state.lastRun).view.curve // the run's curve, ≤ 500 points
 */
export function restoredView(lastRun: LastRun): { view: PanelView & { runId: string }; config: RunConfig } {
  const isReached = lastRun.outcome === "reachedTarget";
  const net = lastRun.weights ? describeWeights(lastRun.config, lastRun.weights, DISPLAY_MAP_RESOLUTION) : null;
  const view = {
    runId: lastRun.runId,
    phase: lastRun.outcome === null ? "stopped" : PHASE_OF_OUTCOME[lastRun.outcome],
    step: lastRun.step,
    steps: lastRun.config.steps,
    loss: lastRun.loss,
    accuracy: lastRun.accuracy,
    targetReachedStep: isReached ? (lastRun.targetReachedStep ?? lastRun.step) : null,
    curve: lastRun.curve,
    map: net?.map ?? lastRun.map,
    // Without weights (a run still training, or diverged) the network view waits for the next run.
    traits: net?.traits ?? null,
    weights: net ? lastRun.weights : null,
  } satisfies PanelView & { runId: string };
  return { view, config: lastRun.config };
}
