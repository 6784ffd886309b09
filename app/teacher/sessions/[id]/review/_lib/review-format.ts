/** Formats and small decoders shared by the review's client components. */

export { formatAccuracy, formatLoss, formatStep } from "../../_lib/format";

/** A learning rate as typed in the settings, e.g. "0.3" or "1e-4". */
export function formatLr(lr: number | null): string {
  if (lr === null || !Number.isFinite(lr)) return "—";
  return lr < 1e-3 ? lr.toExponential(0) : String(Number(lr.toPrecision(3)));
}

/** Seconds as "12 min 5 s" / "45 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${seconds % 60} s`;
}

/** A run status in words (never only a colour). */
export function runStatusText(status: string): string {
  const words: Record<string, string> = {
    TRAINING: "Training",
    FINISHED: "Finished",
    REACHED_TARGET: "Reached target",
    DIVERGED: "Diverged",
    ABORTED: "Stopped",
  };
  return words[status] ?? status;
}

/**
 * How a run ended, in words: "stopped at 800 of 2,000 steps" for a run cut short (the student's
 * stop, a reset, the end), never "finished" for a run that did not run its steps.
 */
export function outcomeText(outcome: string, steps: number | null, configSteps: number | null): string {
  const of = steps !== null && configSteps !== null && configSteps > 0;
  const progress = of ? `${steps.toLocaleString("en")} of ${configSteps.toLocaleString("en")} steps` : "";
  if (outcome === "training") return of ? `Training · ${progress}` : "Training";
  if (outcome === "diverged") return of ? `Diverged at ${progress}` : "Diverged";
  if (outcome === "stopped") return of ? `Stopped at ${progress}` : "Stopped";
  return of && steps === configSteps
    ? `Finished · ${configSteps.toLocaleString("en")} steps`
    : of
      ? `Finished · ${progress}`
      : "Finished";
}

/** A map sent as base64 (32 × 32 bytes) back to bytes for the canvas. */
export function decodeMap(base64: string | null): Uint8Array | null {
  if (!base64) return null;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Time of day with seconds, in the teacher's locale. */
export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
