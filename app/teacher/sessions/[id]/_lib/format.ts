/** Number formats shared by tiles, spotlight and counts: short enough for a projector tile. */
import { SNAPSHOT_WEIGHTS, type SnapshotWeightsStatus, WEIGHTS_ANSWER_TIMEOUT_MS } from "@/lib/protocol";

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

const NO_NETWORK_BECAUSE: Record<SnapshotWeightsStatus, string> = {
  [SNAPSHOT_WEIGHTS.held]: "the weights were lost",
  [SNAPSHOT_WEIGHTS.fetched]: "the weights were lost",
  [SNAPSHOT_WEIGHTS.noRun]: "no run yet",
  [SNAPSHOT_WEIGHTS.offline]: "the student was offline",
  [SNAPSHOT_WEIGHTS.none]: "the student's page had no weights to give",
  [SNAPSHOT_WEIGHTS.invalid]: "the student's page sent weights that do not fit the run",
  [SNAPSHOT_WEIGHTS.timeout]: `the student's page did not answer within ${WEIGHTS_ANSWER_TIMEOUT_MS / 1000} s`,
};

/**
 * Why a snapshot has no network view, in words ("No network view: the student was offline"); null
 * when it has one. A snapshot stored before the reason was recorded says the server lacked them.
 */
export function formatMissingNetwork(
  hasWeights: boolean,
  status: SnapshotWeightsStatus | null | undefined,
): string | null {
  if (hasWeights) return null;
  const because = status ? NO_NETWORK_BECAUSE[status] : "the server did not have the weights";
  return `No network view: ${because}`;
}
