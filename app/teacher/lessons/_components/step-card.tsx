"use client";

import { CELL_NUMBERS, CELL_TITLES } from "@/lib/cells";
import { defaultSessionSettings } from "@/lib/classroom";
import { type LessonStep, STEP_KIND, STEP_NOTE_MAX, STEP_PROMPT_MAX, STEP_TITLE_MAX } from "@/lib/lessons";
import { SettingsFields } from "../../_components/settings-fields";
import { TextAreaField } from "../../_components/text-area-field";
import { TextField } from "../../_components/text-field";
import { cellActivity, stepFieldPrefix, TRAINING_ACTIVITY } from "../_lib/read-lesson-form";

/** Ids of a step card's controls, so the editor can move focus to them after a reorder. */
export const stepControlId = (key: string, control: "up" | "down" | "remove" | "title") =>
  control === "title" ? `field-${stepFieldPrefix(key)}title` : `step-${key}-${control}`;

type StepCardProps = {
  stepKey: string;
  /** The step as loaded (or as added): the fields' initial values. */
  initial: LessonStep;
  index: number;
  count: number;
  /** "training" or "cell:<n>": which fields the card shows. */
  activity: string;
  onActivity(activity: string): void;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
};

/** One step of the lesson editor: its texts, its activity (training or a cell), its settings, and move/remove. */
export function StepCard({ stepKey, initial, index, count, activity, onActivity, onMove, onRemove }: StepCardProps) {
  const prefix = stepFieldPrefix(stepKey);
  const position = index + 1;
  return (
    <fieldset className="card space-y-4" data-testid="step-editor">
      <legend className="px-1 text-lg font-semibold">Step {position}</legend>
      <input type="hidden" name="step" value={stepKey} />
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          id={stepControlId(stepKey, "up")}
          className="btn-secondary px-3 py-1 text-sm"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={`Move step ${position} up`}
        >
          ↑ Move up
        </button>
        <button
          type="button"
          id={stepControlId(stepKey, "down")}
          className="btn-secondary px-3 py-1 text-sm"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={`Move step ${position} down`}
        >
          ↓ Move down
        </button>
        <button
          type="button"
          id={stepControlId(stepKey, "remove")}
          className="btn-secondary px-3 py-1 text-sm"
          disabled={count === 1}
          onClick={onRemove}
          aria-label={`Remove step ${position}`}
        >
          Remove
        </button>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name={`${prefix}title`}
          label="Step title"
          required
          maxLength={STEP_TITLE_MAX}
          defaultValue={initial.title}
        />
        <div>
          <label htmlFor={`field-${prefix}activity`} className="field-label">
            Activity
          </label>
          <select
            id={`field-${prefix}activity`}
            name={`${prefix}activity`}
            value={activity}
            onChange={(event) => onActivity(event.target.value)}
            className="field-input"
          >
            <option value={TRAINING_ACTIVITY}>Training, with this step's settings</option>
            {CELL_NUMBERS.map((cell) => (
              <option key={cell} value={cellActivity(cell)}>
                Cell {cell} · {CELL_TITLES[cell]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TextAreaField
        name={`${prefix}prompt`}
        label="Prompt for students"
        required
        maxLength={STEP_PROMPT_MAX}
        defaultValue={initial.prompt}
        hint="A sentence or two: what to do and what to watch."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextAreaField
          name={`${prefix}lookFor`}
          label="Teacher notes: what to look for"
          maxLength={STEP_NOTE_MAX}
          defaultValue={initial.lookFor}
        />
        <TextAreaField
          name={`${prefix}discussion`}
          label="Teacher notes: discussion question"
          maxLength={STEP_NOTE_MAX}
          defaultValue={initial.discussion}
        />
      </div>
      {activity === TRAINING_ACTIVITY ? (
        <div className="space-y-4 border-t border-slate-200 pt-4">
          <SettingsFields
            prefix={prefix}
            defaults={initial.kind === STEP_KIND.training ? initial.settings : defaultSessionSettings()}
          />
        </div>
      ) : (
        <p className="text-sm text-slate-700">
          Students work this cell; the class keeps the settings of the training step before it.
        </p>
      )}
    </fieldset>
  );
}
