import { defaultSessionSettings, type SessionSettings } from "../classroom/settings";
import { type LessonStep, STEP_KIND } from "./schema";

/**
 * The class settings while the class is on step `index`: a training step's own settings; for a
 * cell step those of the nearest training step before it (the cells read the class's data seed
 * and target), else of the first one after it, else the defaults. An index out of range is
 * clamped to the lesson. Pure, so launch, the pacing controls and tests agree.
 *
 * @example
 * const settings = settingsForStep(lesson.steps, 0); // the class starts on step 1
 */
export function settingsForStep(steps: readonly LessonStep[], index: number): SessionSettings {
  const at = Math.min(Math.max(0, Math.trunc(index)), steps.length - 1);
  for (let i = at; i >= 0; i--) {
    const step = steps[i];
    if (step?.kind === STEP_KIND.training) return step.settings;
  }
  const next = steps.slice(at + 1).find((step) => step.kind === STEP_KIND.training);
  return next?.kind === STEP_KIND.training ? next.settings : defaultSessionSettings();
}
