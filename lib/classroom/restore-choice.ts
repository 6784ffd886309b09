/**
 * What a student's form shows after a reload: their unsent edits first, then their last run's
 * hyper-parameters, then the class's defaults; a locked key always shows the class's value.
 */
import {
  HYPER_PARAM_KEYS,
  type HyperParams,
  isHyperParamUnlocked,
  type SessionSettings,
  type StudentChoice,
} from "./settings";

/** Where a form's values can come from, most recent first. */
export type ChoiceSources = {
  /** Edits the browser kept that no run:start carried yet (any subset of the keys). */
  draft: StudentChoice | null;
  /** The student's latest run on this step, as the server stored it. */
  lastRun: HyperParams | null;
};

/**
 * The form's values: per key, a locked key's class default, else the draft's, the last run's or
 * the default. `settings` are the student's own (their init seed, their lesson step's defaults).
 *
 * @example restoreChoice(settings, { draft: { lr: 0.05 }, lastRun: run.config }) // lr 0.05, the rest as last run
 */
export function restoreChoice(settings: SessionSettings, sources: ChoiceSources): HyperParams {
  const choice: HyperParams = { ...settings.defaults };
  for (const key of HYPER_PARAM_KEYS) {
    if (!isHyperParamUnlocked(settings, key)) continue;
    const value = sources.draft?.[key] ?? sources.lastRun?.[key];
    if (value !== undefined) Object.assign(choice, { [key]: value });
  }
  return choice;
}
