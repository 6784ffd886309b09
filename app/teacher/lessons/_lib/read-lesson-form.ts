import { LESSON_STEPS_MAX, STEP_KIND } from "@/lib/lessons";
import { readSettingsForm } from "../../_components/settings-form-data";

/** Each step card's fields are named `s-<key>-<field>`; keys are the editor's own short ids. */
const STEP_KEY_PATTERN = /^[a-z0-9]{1,16}$/;
/** A cell step's activity value: "cell:2". */
const CELL_ACTIVITY_PREFIX = "cell:";

/** The prefix of one step card's field names. */
export const stepFieldPrefix = (key: string) => `s-${key}-`;

/** The activity select's value for a training step, or for cell `n`. */
export const TRAINING_ACTIVITY = STEP_KIND.training;
export const cellActivity = (cell: number) => `${CELL_ACTIVITY_PREFIX}${cell}`;

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/**
 * The lesson editor's form as lesson-content input: the steps in the order of their cards (each
 * card carries a hidden `step` field with its key). Nothing is validated here — saveLesson's zod
 * schema decides — but at most one step past the limit is read, so a huge form costs nothing.
 */
export function readLessonForm(form: FormData) {
  const keys = form
    .getAll("step")
    .filter((key): key is string => typeof key === "string" && STEP_KEY_PATTERN.test(key))
    .slice(0, LESSON_STEPS_MAX + 1);
  return {
    title: text(form, "title"),
    summary: text(form, "summary"),
    steps: keys.map((key) => {
      const prefix = stepFieldPrefix(key);
      const activity = text(form, `${prefix}activity`) ?? "";
      const common = {
        title: text(form, `${prefix}title`),
        prompt: text(form, `${prefix}prompt`),
        lookFor: text(form, `${prefix}lookFor`),
        discussion: text(form, `${prefix}discussion`),
      };
      if (activity.startsWith(CELL_ACTIVITY_PREFIX)) {
        return { ...common, kind: STEP_KIND.cell, cell: Number(activity.slice(CELL_ACTIVITY_PREFIX.length)) };
      }
      const settings = readSettingsForm(form, prefix);
      const requireForwardPassCell = form.get(`${prefix}requireForwardPassCell`) === "on";
      const allowPointEdits = form.get(`${prefix}allowPointEdits`) === "on";
      return { ...common, kind: activity, settings: { ...settings, requireForwardPassCell, allowPointEdits } };
    }),
  };
}
