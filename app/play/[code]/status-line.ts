/** The one-line status above the controls: what the run is doing, in words (never colour alone). */
import type { RunConfig } from "@/lib/classroom/settings";
import type { StudentClassState } from "@/lib/protocol";
import type { Connection } from "./use-class-socket";
import type { TrainingView } from "./worker-protocol";

/** What the status line reads of a run's view (a live one, or one restored after a reload). */
export type StatusView = Pick<TrainingView, "phase" | "step" | "accuracy" | "targetReachedStep">;

/** A status sentence and its tone (the tone only adds colour to what the words already say). */
export type StatusLine = { text: string; tone: "neutral" | "good" | "warn" | "bad" };

const percent = (value: number) => `${Math.round(value * 100)} %`;

/** Said while a finished run's result is not stored yet: the page keeps it and sends it again. */
export const UNSAVED_RESULT_TEXT =
  "Your result is not saved yet: the class's database is not answering. It is kept here and sent again.";

/** Describes the page's state for the status line; `unsavedFinishes` results still waiting to be stored. */
export function describeStatus(
  connection: Connection,
  classState: StudentClassState | null,
  view: StatusView | null,
  config: RunConfig | null,
  unsavedFinishes = 0,
): StatusLine {
  const line = describeRun(connection, classState, view, config);
  if (unsavedFinishes === 0 || connection.phase === "closed") return line;
  return { text: `${line.text} ${UNSAVED_RESULT_TEXT}`, tone: line.tone === "bad" ? "bad" : "warn" };
}

function describeRun(
  connection: Connection,
  classState: StudentClassState | null,
  view: StatusView | null,
  config: RunConfig | null,
): StatusLine {
  if (connection.phase === "closed") return { text: connection.error.message, tone: "bad" };
  if (classState?.isEnded) return { text: "The class has ended. Thanks for taking part!", tone: "neutral" };
  if (connection.phase === "connecting") return { text: "Connecting to the class…", tone: "neutral" };
  const offline = connection.phase === "offline" ? " (offline: reconnecting…)" : "";
  if (classState?.isPaused && view?.phase !== "completed" && view?.phase !== "diverged") {
    return { text: `Paused by your teacher. Training resumes when they start the class.${offline}`, tone: "warn" };
  }
  if (!view || !config) return { text: `Ready. Press Train to start.${offline}`, tone: "neutral" };
  const reached = view.targetReachedStep;
  const target = percent(config.targetAccuracy);
  switch (view.phase) {
    case "running":
      return {
        text:
          reached === null
            ? `Training…${offline}`
            : `Training: reached the ${target} target at step ${reached}.${offline}`,
        tone: reached === null ? "neutral" : "good",
      };
    case "paused":
      return { text: `Paused at step ${view.step}.${offline}`, tone: "neutral" };
    case "stopped":
      return { text: `Run stopped at step ${view.step}.${offline}`, tone: "neutral" };
    case "diverged":
      return { text: `Diverged: the loss blew up at step ${view.step}.${offline}`, tone: "bad" };
    case "completed":
      return reached === null
        ? {
            text: `Finished below the ${target} target (accuracy ${percent(view.accuracy ?? 0)}).${offline}`,
            tone: "warn",
          }
        : { text: `Reached the ${target} target at step ${reached}.${offline}`, tone: "good" };
  }
}
