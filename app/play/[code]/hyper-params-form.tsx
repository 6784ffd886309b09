"use client";

import { useState } from "react";
import { ACTIVATIONS, OPTIMIZERS } from "@/lib/classroom/names";
import {
  HIDDEN_MAX,
  HIDDEN_MIN,
  type HyperParamKey,
  type HyperParams,
  hyperParamSchemas,
  INIT_SCALE_MAX,
  INIT_SCALE_MIN,
  LR_MAX,
  LR_MIN,
  SEED_MAX,
  STEPS_MAX,
  STEPS_MIN,
} from "@/lib/classroom/settings";

type HyperParamsFormProps = {
  choice: HyperParams;
  unlocked: readonly HyperParamKey[];
  /** While a run trains, changes wait for the next run; the fields stay editable. */
  onChange: (choice: HyperParams) => void;
};

type NumberKey = "hidden" | "lr" | "steps" | "initScale" | "initSeed";

const NUMBER_FIELDS: ReadonlyArray<{
  key: NumberKey;
  label: string;
  min: number;
  max: number;
  step: string;
  hint: string;
}> = [
  {
    key: "hidden",
    label: "Hidden units",
    min: HIDDEN_MIN,
    max: HIDDEN_MAX,
    step: "1",
    hint: `${HIDDEN_MIN}–${HIDDEN_MAX}; 0 is a single neuron`,
  },
  { key: "lr", label: "Learning rate", min: LR_MIN, max: LR_MAX, step: "any", hint: `${LR_MIN}–${LR_MAX}` },
  {
    key: "steps",
    label: "Steps",
    min: STEPS_MIN,
    max: STEPS_MAX,
    step: "1",
    hint: `${STEPS_MIN}–${STEPS_MAX.toLocaleString("en")}`,
  },
  {
    key: "initScale",
    label: "Init scale",
    min: INIT_SCALE_MIN,
    max: INIT_SCALE_MAX,
    step: "any",
    hint: `${INIT_SCALE_MIN}–${INIT_SCALE_MAX}; a factor on the starting weights, 1 is the default`,
  },
  {
    key: "initSeed",
    label: "Init seed",
    min: 0,
    max: SEED_MAX,
    step: "1",
    hint: "different seeds, different starting weights",
  },
];

/**
 * The hyper-parameters. Locked ones (not in the class's `unlocked`) show the teacher's value,
 * disabled, with a note. A typed value is applied only once it is valid; until then the field
 * says what is wrong.
 */
export function HyperParamsForm({ choice, unlocked, onChange }: HyperParamsFormProps) {
  const [drafts, setDrafts] = useState<Partial<Record<NumberKey, string>>>({});
  const isLocked = (key: HyperParamKey) => !unlocked.includes(key);

  const onNumber = (key: NumberKey, text: string) => {
    setDrafts((previous) => ({ ...previous, [key]: text }));
    const parsed = hyperParamSchemas[key].safeParse(text.trim() === "" ? Number.NaN : Number(text));
    if (parsed.success) onChange({ ...choice, [key]: parsed.data });
  };

  return (
    <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <legend className="mb-2 text-lg font-semibold">Hyper-parameters</legend>
      {NUMBER_FIELDS.map(({ key, label, min, max, step, hint }) => {
        const draft = drafts[key];
        const isInvalid = draft !== undefined && Number(draft) !== choice[key];
        const locked = isLocked(key);
        return (
          <div key={key}>
            <label htmlFor={`hp-${key}`} className="field-label">
              {label}
            </label>
            <input
              id={`hp-${key}`}
              type="number"
              inputMode="decimal"
              className="field-input"
              min={min}
              max={max}
              step={step}
              disabled={locked}
              value={locked ? choice[key] : (draft ?? String(choice[key]))}
              onChange={(event) => onNumber(key, event.target.value)}
              onBlur={() => setDrafts((previous) => ({ ...previous, [key]: undefined }))}
              aria-invalid={isInvalid ? true : undefined}
              aria-describedby={`hp-${key}-hint`}
            />
            <p id={`hp-${key}-hint`} className={isInvalid ? "field-error" : "mt-1 text-sm text-slate-600"}>
              {locked ? "Locked by your teacher" : isInvalid ? `Enter a number from ${min} to ${max}` : hint}
            </p>
          </div>
        );
      })}
      <SelectField
        id="activation"
        label="Activation"
        value={choice.activation}
        options={ACTIVATIONS}
        isLocked={isLocked("activation")}
        onChange={(value) => onChange({ ...choice, activation: value })}
      />
      <SelectField
        id="optimizer"
        label="Optimizer"
        value={choice.optimizer}
        options={OPTIMIZERS}
        isLocked={isLocked("optimizer")}
        onChange={(value) => onChange({ ...choice, optimizer: value })}
      />
    </fieldset>
  );
}

type SelectFieldProps<T extends string> = {
  id: string;
  label: string;
  value: T;
  options: readonly T[];
  isLocked: boolean;
  onChange: (value: T) => void;
};

function SelectField<T extends string>({ id, label, value, options, isLocked, onChange }: SelectFieldProps<T>) {
  return (
    <div>
      <label htmlFor={`hp-${id}`} className="field-label">
        {label}
      </label>
      <select
        id={`hp-${id}`}
        className="field-input"
        value={value}
        disabled={isLocked}
        aria-describedby={isLocked ? `hp-${id}-hint` : undefined}
        onChange={(event) => {
          const next = options.find((option) => option === event.target.value);
          if (next) onChange(next);
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      {isLocked ? (
        <p id={`hp-${id}-hint`} className="mt-1 text-sm text-slate-600">
          Locked by your teacher
        </p>
      ) : null}
    </div>
  );
}
