import type { HyperParamKey } from "@/lib/classroom";

/** What each hyper-parameter is called on the teacher's forms. */
export const HYPER_PARAM_LABELS: Record<HyperParamKey, string> = {
  hidden: "Hidden size",
  lr: "Learning rate",
  steps: "Steps",
  activation: "Activation",
  optimizer: "Optimizer",
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
 * The session-settings fields both teacher forms share (new session, change settings), read into
 * the settings schema's input shape. Nothing is validated here: `sessionSettingsSchema` decides.
 */
export function readSettingsForm(form: FormData) {
  const targetPercent = numberField(form, "targetPercent");
  return {
    dataset: textField(form, "dataset"),
    noise: numberField(form, "noise"),
    dataSeed: numberField(form, "dataSeed"),
    targetAccuracy: targetPercent === undefined ? undefined : targetPercent / 100,
    defaults: {
      hidden: numberField(form, "hidden"),
      lr: numberField(form, "lr"),
      steps: numberField(form, "steps"),
      activation: textField(form, "activation"),
      optimizer: textField(form, "optimizer"),
      initSeed: numberField(form, "initSeed"),
    },
    unlocked: form.getAll("unlocked").filter((key): key is string => typeof key === "string"),
  };
}
