"use client";

import { type FormEvent, useState } from "react";
import {
  ACTIVATIONS,
  DATASETS,
  HIDDEN_MAX,
  HIDDEN_MIN,
  HYPER_PARAM_KEYS,
  INIT_SCALE_MAX,
  INIT_SCALE_MIN,
  LR_MAX,
  LR_MIN,
  NOISE_MAX,
  OPTIMIZERS,
  type SessionSettings,
  STEPS_MAX,
  sessionSettingsSchema,
} from "@/lib/classroom";
import { INIT_SEED_HINT } from "../../../_components/settings-fields";
import { HYPER_PARAM_LABELS, readSettingsForm } from "../../../_components/settings-form-data";

type SettingsFormProps = {
  settings: SessionSettings;
  isDisabled: boolean;
  /** Resolves to an error message, or null when the server applied the settings. */
  onApply: (settings: SessionSettings) => Promise<string | null>;
};

function Field({ label, name, children }: { label: string; name: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={`settings-${name}`} className="field-label">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * Dataset, noise, target and default hyper-parameters for everyone, plus the locks. Applying it
 * is a class-wide reset: every student restarts from these settings.
 */
export function SettingsForm({ settings, isDisabled, onApply }: SettingsFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const d = settings.defaults;
  // Remount the inputs when the server's settings change, so they show what is in force.
  const formKey = JSON.stringify(settings);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = sessionSettingsSchema.safeParse({
      ...settings,
      ...readSettingsForm(new FormData(event.currentTarget)),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(`${issue?.path.join(".") || "settings"}: ${issue?.message ?? "invalid"}`);
      return;
    }
    if (!window.confirm("Apply these settings? Every student's run is reset.")) return;
    setIsPending(true);
    setError(await onApply(parsed.data));
    setIsPending(false);
  }

  const input = "field-input py-1";
  return (
    <form key={formKey} onSubmit={submit} className="space-y-3" aria-label="Class settings">
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-2 py-1 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field label="Dataset" name="dataset">
          <select id="settings-dataset" name="dataset" defaultValue={settings.dataset} className={input}>
            {DATASETS.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </Field>
        <Field label="Noise" name="noise">
          <input
            id="settings-noise"
            name="noise"
            type="number"
            step="0.01"
            min={0}
            max={NOISE_MAX}
            defaultValue={settings.noise}
            className={input}
          />
        </Field>
        <Field label="Data seed" name="dataSeed">
          <input
            id="settings-dataSeed"
            name="dataSeed"
            type="number"
            step="1"
            min={0}
            defaultValue={settings.dataSeed}
            className={input}
          />
        </Field>
        <Field label="Target (%)" name="targetPercent">
          <input
            id="settings-targetPercent"
            name="targetPercent"
            type="number"
            step="1"
            min={50}
            max={100}
            defaultValue={Math.round(settings.targetAccuracy * 100)}
            className={input}
          />
        </Field>
        <Field label="Hidden size" name="hidden">
          <input
            id="settings-hidden"
            name="hidden"
            type="number"
            step="1"
            min={HIDDEN_MIN}
            max={HIDDEN_MAX}
            defaultValue={d.hidden}
            className={input}
          />
        </Field>
        <Field label="Learning rate" name="lr">
          <input
            id="settings-lr"
            name="lr"
            type="number"
            step="any"
            min={LR_MIN}
            max={LR_MAX}
            defaultValue={d.lr}
            className={input}
          />
        </Field>
        <Field label="Steps" name="steps">
          <input
            id="settings-steps"
            name="steps"
            type="number"
            step="1"
            min={1}
            max={STEPS_MAX}
            defaultValue={d.steps}
            className={input}
          />
        </Field>
        <Field label="Init scale" name="initScale">
          <input
            id="settings-initScale"
            name="initScale"
            type="number"
            step="any"
            min={INIT_SCALE_MIN}
            max={INIT_SCALE_MAX}
            defaultValue={d.initScale}
            className={input}
          />
        </Field>
        <Field label="Init seed" name="initSeed">
          <input
            id="settings-initSeed"
            name="initSeed"
            type="number"
            step="1"
            min={0}
            defaultValue={d.initSeed}
            className={input}
          />
        </Field>
        <Field label="Activation" name="activation">
          <select id="settings-activation" name="activation" defaultValue={d.activation} className={input}>
            {ACTIVATIONS.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </Field>
        <Field label="Optimizer" name="optimizer">
          <select id="settings-optimizer" name="optimizer" defaultValue={d.optimizer} className={input}>
            {OPTIMIZERS.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset>
        <legend className="field-label">Students may change</legend>
        <p className="text-sm text-slate-600" data-testid="init-seed-hint">
          {INIT_SEED_HINT}
        </p>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {HYPER_PARAM_KEYS.map((key) => (
            <label key={key} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="unlocked"
                value={key}
                defaultChecked={settings.unlocked.includes(key)}
                className="size-4"
              />
              {HYPER_PARAM_LABELS[key]}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="btn-primary" disabled={isDisabled || isPending}>
        {isPending ? "Applying…" : "Apply to everyone (resets runs)"}
      </button>
    </form>
  );
}
