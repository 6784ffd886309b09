import { CELL_TITLES } from "@/lib/cells";
import { HYPER_PARAM_KEYS, type SessionSettings } from "@/lib/classroom";
import { type LessonStep, STEP_KIND } from "@/lib/lessons";
import { HYPER_PARAM_LABELS } from "../../_components/settings-form-data";

/** What a step has students do, in a few words: "Cell 2 · Forward pass" or "Training on xor". */
export function describeActivity(step: LessonStep): string {
  return step.kind === STEP_KIND.cell
    ? `Cell ${step.cell} · ${CELL_TITLES[step.cell]}`
    : `Training on ${step.settings.dataset}`;
}

/** A training step's settings as short lines a teacher scans: data, network, what students may change. */
export function describeSettings(settings: SessionSettings): string[] {
  const d = settings.defaults;
  const unlocked = HYPER_PARAM_KEYS.filter((key) => settings.unlocked.includes(key)).map(
    (key) => HYPER_PARAM_LABELS[key],
  );
  return [
    `${settings.dataset}, noise ${settings.noise}, data seed ${settings.dataSeed}, target ${Math.round(settings.targetAccuracy * 100)} %`,
    `hidden ${d.hidden} · ${d.activation} · lr ${d.lr} · ${d.optimizer} · ${d.steps.toLocaleString("en")} steps · init scale ${d.initScale} · init seed ${d.initSeed}`,
    unlocked.length > 0 ? `Students may change: ${unlocked.join(", ")}` : "Students may change nothing",
    ...(settings.requireForwardPassCell ? ["The forward-pass cell comes before free training"] : []),
    ...(settings.allowPointEdits ? [] : ["Students may not add points"]),
  ];
}
