/**
 * The chapter's advice when a run fails: more capacity, more time, or more careful step sizes,
 * made specific to the run's config and curve.
 */
import type { RunConfig } from "../classroom/settings";
import { HIDDEN_MAX, LR_MIN, STEPS_MAX } from "../classroom/settings";
import type { DatasetName } from "../ml/nn";
import type { Line2 } from "../ml/nn/lines";
import type { LossPoint } from "../protocol";
import type { NetTraits } from "./net-traits";

/** Hidden units each dataset needs to be carved reliably (XOR needs 2 in theory, 4 in practice). */
export const SUFFICIENT_HIDDEN: Readonly<Record<DatasetName, number>> = {
  gaussian: 0,
  xor: 4,
  circles: 4,
  checkerboard: 16,
  spiral: 16,
};
/** The loss "was still falling" when it dropped more than this fraction over the last quarter of the run. */
const STILL_FALLING_FRACTION = 0.05;
/** A curve "bounces" when more than this share of its consecutive points go up. */
const BOUNCING_SHARE = 0.2;

/**
 * One piece of advice: which of the chapter's three remedies, and what to try; or, for a linear
 * net, the missing non-linearity that no amount of capacity, time or care replaces.
 */
export type Advice = { remedy: "capacity" | "time" | "stepSize" | "nonLinearity"; text: string };
/**
 * Significant digits of the collapsed function's coefficients: on XOR they end tiny (the best line
 * is a shrug), so fixed decimals would print 0.00 for all three.
 */
const COEFFICIENT_DIGITS = 2;

/** How the run ended, for {@link adviseRun}. */
export type RunEnding = "diverged" | "belowTarget";

/**
 * Specific advice for a run that diverged or ended below the target. `traits` (the final net's,
 * lib/training netTraits) lets it name what the weights show: the one linear function a net with
 * the linear activation collapsed to (collapseLinear), and dead ReLU units (unitHealth).
 *
 * @example adviseRun(config, "diverged", curve) // [{ remedy: "stepSize", text: "… try 0.1 …" }]
 */
export function adviseRun(
  config: RunConfig,
  ending: RunEnding,
  curve: readonly LossPoint[],
  traits: NetTraits | null = null,
): Advice[] {
  const lowerLr = Math.max(LR_MIN, roundLr(config.lr / 3));
  const stepSize: Advice = {
    remedy: "stepSize",
    text: `More careful step sizes: the learning rate ${config.lr} is too large; try ${lowerLr}.`,
  };
  if (ending === "diverged") return [stepSize];
  // Layers without a non-linearity are one linear layer: more units or steps cannot bend its line.
  if (config.activation === "linear" && config.hidden > 0 && config.dataset !== "gaussian") {
    return [collapseAdvice(config, traits?.linearLogit ?? null)];
  }
  const advice: Advice[] = [];
  if (traits && traits.dead > 0 && config.hidden > 0) advice.push(deadUnitsAdvice(traits, lowerLr));
  const sufficient = SUFFICIENT_HIDDEN[config.dataset];
  if (config.hidden < sufficient) {
    const shape =
      config.hidden === 0
        ? "One neuron can only draw a straight line"
        : `${config.hidden} hidden units cannot carve this shape`;
    advice.push({
      remedy: "capacity",
      text: `More capacity: ${shape}; try hidden ${Math.min(HIDDEN_MAX, Math.max(sufficient, config.hidden * 2))}.`,
    });
  }
  if (isStillFalling(curve) && config.steps < STEPS_MAX) {
    advice.push({
      remedy: "time",
      text: `More time: the loss was still falling when the run ended; try ${Math.min(STEPS_MAX, config.steps * 2)} steps.`,
    });
  }
  if (isBouncing(curve)) advice.push(stepSize);
  if (advice.length > 0) return advice;
  return [
    { remedy: "capacity", text: `More capacity: try hidden ${Math.min(HIDDEN_MAX, Math.max(2, config.hidden * 2))}.` },
    { remedy: "time", text: `More time: try ${Math.min(STEPS_MAX, config.steps * 2)} steps.` },
    { remedy: "stepSize", text: `More careful step sizes: try a learning rate of ${lowerLr}, or the adam optimizer.` },
  ];
}

function collapseAdvice(config: RunConfig, logit: Line2 | null): Advice {
  const formula = logit ? ` = ${formatLinear(logit)}` : "";
  return {
    remedy: "nonLinearity",
    text: `No non-linearity: with the linear activation your ${config.hidden} hidden units collapse into one linear function, W2(W1x + b1) + b2${formula} — a single neuron in disguise. Its decision line is straight and no line splits ${config.dataset}, so more hidden units or more steps cannot help: choose relu as the activation.`,
  };
}

function deadUnitsAdvice({ dead, hidden }: NetTraits, lowerLr: number): Advice {
  const alive = hidden - dead;
  return {
    remedy: "capacity",
    text: `More capacity in use: ${dead} of your ${hidden} ReLU units ${dead === 1 ? "is" : "are"} dead — zero on every point, so no gradient reaches ${dead === 1 ? "it" : "them"} and only ${alive} carve the map. Another init seed, or a smaller learning rate (${lowerLr}), keeps more alive.`,
  };
}

/** a·x + b·y + c as "0.31·x − 1.2·y + 0.0047", two significant digits, true minus signs. */
export function formatLinear({ a, b, c }: Line2): string {
  const magnitude = (value: number) => String(Number(Math.abs(value).toPrecision(COEFFICIENT_DIGITS)));
  const sign = (value: number) => (value < 0 ? " \u2212 " : " + ");
  return `${a < 0 ? "\u2212" : ""}${magnitude(a)}·x${sign(b)}${magnitude(b)}·y${sign(c)}${magnitude(c)}`;
}

function isStillFalling(curve: readonly LossPoint[]): boolean {
  const last = curve[curve.length - 1];
  const quarter = curve[Math.floor(curve.length * 0.75)];
  if (!last || !quarter || quarter[1] <= 0) return false;
  return (quarter[1] - last[1]) / quarter[1] > STILL_FALLING_FRACTION;
}

function isBouncing(curve: readonly LossPoint[]): boolean {
  if (curve.length < 3) return false;
  let rises = 0;
  for (let i = 1; i < curve.length; i++) if ((curve[i]?.[1] ?? 0) > (curve[i - 1]?.[1] ?? 0)) rises++;
  return rises / (curve.length - 1) > BOUNCING_SHARE;
}

/** One significant digit, so the suggestion reads like a value a person would type. */
function roundLr(lr: number): number {
  return Number(lr.toPrecision(1));
}
