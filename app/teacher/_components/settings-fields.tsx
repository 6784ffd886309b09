"use client";

import { useState } from "react";
import {
  ACTIVATIONS,
  DATASETS,
  type DatasetName,
  defaultNoiseFor,
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
} from "@/lib/classroom";
import { HYPER_PARAM_LABELS } from "./settings-form-data";
import { TextField } from "./text-field";

type SelectProps = {
  name: string;
  label: string;
  options: readonly string[];
  defaultValue: string;
  onChange?: (value: string) => void;
};

/** Said beside the locks: an unlocked seed is each student's own, a locked one the class's. */
export const INIT_SEED_HINT =
  "While Init seed is unlocked each student starts from their own seed (made from the class's), so tiles differ; lock it to give everyone the same start.";

/** A labelled select whose id follows the text fields' `field-<name>`. */
export function Select({ name, label, options, defaultValue, onChange }: SelectProps) {
  return (
    <div>
      <label htmlFor={`field-${name}`} className="field-label">
        {label}
      </label>
      <select
        id={`field-${name}`}
        name={name}
        defaultValue={defaultValue}
        className="field-input"
        onChange={(event) => onChange?.(event.target.value)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The session-settings inputs (dataset, noise, seed, target, default hyper-parameters, locks, the
 * forward-pass gate), uncontrolled, named `<prefix><field>` so that `readSettingsForm(form, prefix)`
 * reads them back. The launch form uses no prefix; each step of the lesson editor its own.
 */
export function SettingsFields({ defaults, prefix = "" }: { defaults: SessionSettings; prefix?: string }) {
  const d = defaults.defaults;
  // Each dataset looks right at its own noise; picking a dataset proposes that noise.
  const [noise, setNoise] = useState(String(defaults.noise));
  const name = (field: string) => `${prefix}${field}`;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-3">
        <Select
          name={name("dataset")}
          label="Dataset"
          options={DATASETS}
          defaultValue={defaults.dataset}
          onChange={(dataset) => setNoise(String(defaultNoiseFor(dataset as DatasetName)))}
        />
        <TextField
          name={name("noise")}
          label="Noise (std, data units)"
          type="number"
          step="0.01"
          min={0}
          max={NOISE_MAX}
          value={noise}
          onChange={(event) => setNoise(event.target.value)}
        />
        <TextField
          name={name("dataSeed")}
          label="Data seed"
          type="number"
          step="1"
          min={0}
          defaultValue={defaults.dataSeed}
        />
        <TextField
          name={name("targetPercent")}
          label="Target accuracy (%)"
          type="number"
          step="1"
          min={50}
          max={100}
          defaultValue={Math.round(defaults.targetAccuracy * 100)}
        />
      </div>
      <fieldset className="space-y-4">
        <legend className="px-1 text-lg font-semibold">Default hyper-parameters</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            name={name("hidden")}
            label="Hidden size"
            type="number"
            step="1"
            min={HIDDEN_MIN}
            max={HIDDEN_MAX}
            defaultValue={d.hidden}
          />
          <TextField
            name={name("lr")}
            label="Learning rate"
            type="number"
            step="any"
            min={LR_MIN}
            max={LR_MAX}
            defaultValue={d.lr}
          />
          <TextField
            name={name("steps")}
            label="Steps"
            type="number"
            step="1"
            min={1}
            max={STEPS_MAX}
            defaultValue={d.steps}
          />
          <Select name={name("activation")} label="Activation" options={ACTIVATIONS} defaultValue={d.activation} />
          <Select name={name("optimizer")} label="Optimizer" options={OPTIMIZERS} defaultValue={d.optimizer} />
          <TextField
            name={name("initScale")}
            label="Init scale"
            type="number"
            step="any"
            min={INIT_SCALE_MIN}
            max={INIT_SCALE_MAX}
            defaultValue={d.initScale}
          />
          <TextField
            name={name("initSeed")}
            label="Init seed"
            type="number"
            step="1"
            min={0}
            defaultValue={d.initSeed}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend className="px-1 text-lg font-semibold">Students may change</legend>
        <p className="mb-3 text-sm text-slate-700">Locked settings are shown to students, disabled. {INIT_SEED_HINT}</p>
        <div className="grid gap-2 sm:grid-cols-3">
          {HYPER_PARAM_KEYS.map((key) => (
            <label key={key} className="flex items-center gap-2">
              <input
                type="checkbox"
                name={name("unlocked")}
                value={key}
                defaultChecked={defaults.unlocked.includes(key)}
                className="size-4"
              />
              {HYPER_PARAM_LABELS[key]}
            </label>
          ))}
        </div>
        <label className="mt-4 flex items-center gap-2">
          <input
            type="checkbox"
            name={name("requireForwardPassCell")}
            defaultChecked={defaults.requireForwardPassCell}
            className="size-4"
          />
          Require the forward-pass cell before free training
        </label>
        <label className="mt-2 flex items-center gap-2">
          <input
            type="checkbox"
            name={name("allowPointEdits")}
            defaultChecked={defaults.allowPointEdits}
            className="size-4"
          />
          Students may add and remove points while training
        </label>
      </fieldset>
    </>
  );
}
