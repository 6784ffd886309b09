import type { HyperParamKey } from "@/lib/classroom";

/** What each hyper-parameter is called on the teacher's forms. */
export const HYPER_PARAM_LABELS: Record<HyperParamKey, string> = {
  hidden: "Hidden size",
  lr: "Learning rate",
  steps: "Steps",
  activation: "Activation",
  optimizer: "Optimizer",
  initScale: "Init scale",
  initSeed: "Init seed",
};

/** A number field's value; blank or missing stays undefined so the schema's default applies. */
function numberField(form: FormData, name: string): number | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? Number(value) : undefined;
}

function textField(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/**
 * The session-settings fields the teacher forms share (new session, change settings, a lesson
 * step), read into the settings schema's input shape; `prefix` names one lesson step's fields.
 * Nothing is validated here: `sessionSettingsSchema` decides.
 */
export function readSettingsForm(form: FormData, prefix = "") {
  const number = (name: string) => numberField(form, prefix + name);
  const text = (name: string) => textField(form, prefix + name);
  const targetPercent = number("targetPercent");
  return {
    dataset: text("dataset"),
    noise: number("noise"),
    dataSeed: number("dataSeed"),
    targetAccuracy: targetPercent === undefined ? undefined : targetPercent / 100,
    defaults: {
      hidden: number("hidden"),
      lr: number("lr"),
      steps: number("steps"),
      activation: text("activation"),
      optimizer: text("optimizer"),
      initScale: number("initScale"),
      initSeed: number("initSeed"),
    },
    unlocked: form.getAll(`${prefix}unlocked`).filter((key): key is string => typeof key === "string"),
  };
}
