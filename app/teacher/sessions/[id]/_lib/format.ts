/** Number formats shared by tiles, spotlight and counts: short enough for a projector tile. */

/** A loss with 3 significant digits; an em dash before the first point. */
export function formatLoss(loss: number | null): string {
  if (loss === null || !Number.isFinite(loss)) return "—";
  return loss >= 100 ? loss.toExponential(2) : loss.toPrecision(3);
}

/** Accuracy (0–1) as a whole percentage, e.g. "94 %". */
export function formatAccuracy(accuracy: number | null): string {
  if (accuracy === null || !Number.isFinite(accuracy)) return "—";
  return `${Math.round(accuracy * 100)} %`;
}

/** A step count with thousands separators. */
export function formatStep(step: number): string {
  return step.toLocaleString("en");
}

/** A run's configuration in one short line: "hidden 8 · relu · lr 0.3 · adam"; "no run yet" without one. */
export function formatConfig(
  config: { hidden: number; activation: string; lr: number; optimizer: string } | null,
): string {
  if (!config) return "no run yet";
  return `hidden ${config.hidden} · ${config.activation} · lr ${config.lr} · ${config.optimizer}`;
}
