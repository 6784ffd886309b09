"use client";

import { SPEED_LABELS, SPEEDS, type Speed } from "@/lib/training";

type TrainingControlsProps = {
  isRunning: boolean;
  /** Train and step are off: class paused or ended, disconnected for good, or a run is starting. */
  isTrainingBlocked: boolean;
  canStep: boolean;
  canReset: boolean;
  speed: Speed;
  onTrain: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
  onSpeed: (speed: Speed) => void;
};

/** Train / pause / step / reset and the speed select. Buttons say what they do in words. */
export function TrainingControls(props: TrainingControlsProps) {
  const { isRunning, isTrainingBlocked, canStep, canReset, speed } = props;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <button
        type="button"
        className="btn-primary min-w-24"
        disabled={isRunning || isTrainingBlocked}
        onClick={props.onTrain}
      >
        <span aria-hidden="true">▶ </span>Train
      </button>
      <button type="button" className="btn-secondary" disabled={!isRunning} onClick={props.onPause}>
        <span aria-hidden="true">❚❚ </span>Pause
      </button>
      <button
        type="button"
        className="btn-secondary"
        disabled={isRunning || isTrainingBlocked || !canStep}
        onClick={props.onStep}
      >
        Step
      </button>
      <button type="button" className="btn-secondary" disabled={isTrainingBlocked || !canReset} onClick={props.onReset}>
        <span aria-hidden="true">↺ </span>Reset
      </button>
      <div className="ml-auto">
        <label htmlFor="speed" className="field-label">
          Speed
        </label>
        <select
          id="speed"
          className="field-input py-2"
          value={speed}
          onChange={(event) => {
            const next = SPEEDS.find((name) => name === event.target.value);
            if (next) props.onSpeed(next);
          }}
        >
          {SPEEDS.map((name) => (
            <option key={name} value={name}>
              {SPEED_LABELS[name]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
