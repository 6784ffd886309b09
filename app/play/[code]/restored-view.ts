/**
 * A student's last run as the server sent it in session:state, as a view the training panel can
 * draw after a reload: its curve, its latest map (the server's 32 × 32), its figures. The Worker
 * starts empty after a reload, so without this the map and curve of a finished run were gone.
 */
import type { RunConfig } from "@/lib/classroom/settings";
import type { LastRun } from "@/lib/protocol";
import type { PanelView } from "./use-untrained-view";
import type { RunPhase } from "./worker-protocol";

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
  const view = {
    runId: lastRun.runId,
    phase: lastRun.outcome === null ? "stopped" : PHASE_OF_OUTCOME[lastRun.outcome],
    step: lastRun.step,
    steps: lastRun.config.steps,
    loss: lastRun.loss,
    accuracy: lastRun.accuracy,
    targetReachedStep: isReached ? (lastRun.targetReachedStep ?? lastRun.step) : null,
    curve: lastRun.curve,
    map: lastRun.map,
    // The server keeps no weights in the room: the network view and unit facts wait for the next run.
    traits: null,
    weights: null,
  } satisfies PanelView & { runId: string };
  return { view, config: lastRun.config };
}
