"use client";

import { type FormEvent, useState } from "react";
import {
  GROUP_KEY_LABELS,
  GROUP_KEYS,
  type GroupKey,
  groupExperimentRequestSchema,
  groupLabel,
  groupLetter,
  MAX_GROUPS,
  MIN_GROUPS,
} from "@/lib/classroom/groups";
import { ACTIVATIONS, OPTIMIZERS } from "@/lib/classroom/names";
import { type Ack, CLASS_CONTROL, type ClassControl, type ClassState } from "@/lib/protocol";
import { tileName } from "../_lib/dashboard-state";
import { useClassIds, useClassTile } from "../_lib/use-class-store";

/** A sensible first comparison per setting: what the chapter asks students to try. */
const SUGGESTED: Record<GroupKey, readonly (number | string)[]> = {
  lr: [0.01, 0.1, 1, 3],
  hidden: [1, 2, 8, 16],
  activation: ["relu", "linear", "tanh", "sigmoid"],
  initScale: [0.01, 0.1, 1, 3],
  optimizer: ["sgd", "momentum", "adam"],
  steps: [200, 1000, 3000, 10000],
};
const CHOICES: Partial<Record<GroupKey, readonly string[]>> = { activation: ACTIVATIONS, optimizer: OPTIMIZERS };
/** "A", "B", … for `count` groups. */
function lettersOf(count: number): string[] {
  return Array.from({ length: count }, (_, i) => groupLetter(i));
}

/** The value of the per-student select meaning "no pick: spread evenly". */
const EVEN = "even";

type GroupExperimentFormProps = {
  classState: ClassState;
  isConnected: boolean;
  sendControl: (command: ClassControl) => Promise<Ack>;
};

/**
 * Splits the class into 2–4 groups that differ in one setting, evenly by join order or by picking
 * students, and pushes it: every student restarts with their group's settings (the varied one
 * locked). While groups run it says which, and can end them.
 */
export function GroupExperimentForm({ classState, isConnected, sendControl }: GroupExperimentFormProps) {
  const [key, setKey] = useState<GroupKey>("lr");
  const [count, setCount] = useState(3);
  const [isPicking, setIsPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const experiment = classState.experiment;
  const isLocked = !isConnected || classState.isEnded || isPending;
  const maxCount = Math.min(MAX_GROUPS, CHOICES[key]?.length ?? MAX_GROUPS);
  const groupCount = Math.min(count, maxCount);

  async function push(command: ClassControl, confirmText: string): Promise<void> {
    if (!window.confirm(confirmText)) return;
    setIsPending(true);
    const ack = await sendControl(command);
    setIsPending(false);
    setError(ack.ok ? null : ack.error.message);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = Array.from({ length: groupCount }, (_, i) => {
      const raw = String(data.get(`group-value-${i}`) ?? "");
      return CHOICES[key] ? raw : Number(raw);
    });
    const picks = isPicking
      ? [...data.entries()].flatMap(([name, value]) =>
          name.startsWith("pick-") && value !== EVEN ? [{ participantId: name.slice(5), group: Number(value) }] : [],
        )
      : undefined;
    const parsed = groupExperimentRequestSchema.safeParse({ key, values, ...(picks ? { picks } : {}) });
    if (!parsed.success) {
      setError(`Groups: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      return;
    }
    await push(
      { type: CLASS_CONTROL.groups, experiment: parsed.data },
      `Split the class into ${groupCount} groups by ${GROUP_KEY_LABELS[key]}? Every student's run is reset.`,
    );
  }

  const input = "field-input py-1";
  return (
    <details className="card p-4" data-testid="group-experiment">
      <summary className="cursor-pointer text-lg font-bold">
        Group experiment{experiment ? `: groups differ in ${GROUP_KEY_LABELS[experiment.key]}` : ""}
      </summary>
      {error && (
        <p role="alert" className="mt-2 rounded border border-red-300 bg-red-50 px-2 py-1 text-sm text-red-800">
          {error}
        </p>
      )}
      {experiment ? (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <p data-testid="group-experiment-running">
            Running ({experiment.mode === "even" ? "split evenly" : "picked"}):{" "}
            {experiment.values.map((value, i) => groupLabel(experiment.key, i, value)).join(" · ")}
          </p>
          <button
            type="button"
            className="btn-secondary px-3 py-1.5"
            disabled={isLocked}
            onClick={() =>
              push(
                { type: CLASS_CONTROL.groups, experiment: null },
                "End the groups? Every student's run is reset to the class's settings.",
              )
            }
          >
            End the groups
          </button>
        </div>
      ) : null}
      <form onSubmit={submit} className="mt-3 space-y-3" aria-label="Group experiment">
        <p className="text-sm text-slate-700">
          Each group trains with one setting changed and everything else the same. Students who join later go to the
          smallest group.
        </p>
        <div className="flex flex-wrap gap-3">
          <div>
            <label htmlFor="group-key" className="field-label">
              Setting to vary
            </label>
            <select
              id="group-key"
              className={input}
              value={key}
              onChange={(event) => setKey(GROUP_KEYS.find((k) => k === event.target.value) ?? "lr")}
            >
              {GROUP_KEYS.map((k) => (
                <option key={k} value={k}>
                  {GROUP_KEY_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="group-count" className="field-label">
              Groups
            </label>
            <select
              id="group-count"
              className={input}
              value={groupCount}
              onChange={(event) => setCount(Number(event.target.value))}
            >
              {Array.from({ length: maxCount - MIN_GROUPS + 1 }, (_, i) => MIN_GROUPS + i).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          {lettersOf(groupCount).map((letter, i) => (
            // Remount with the setting: each group's field starts from the suggestion for it.
            <div key={`${key}-${letter}`}>
              <label htmlFor={`group-value-${i}`} className="field-label">
                Group {letter} {GROUP_KEY_LABELS[key]}
              </label>
              {CHOICES[key] ? (
                <select
                  id={`group-value-${i}`}
                  name={`group-value-${i}`}
                  className={input}
                  defaultValue={String(SUGGESTED[key][i])}
                >
                  {CHOICES[key]?.map((choice) => (
                    <option key={choice} value={choice}>
                      {choice}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={`group-value-${i}`}
                  name={`group-value-${i}`}
                  type="number"
                  step="any"
                  className={`${input} w-28`}
                  defaultValue={String(SUGGESTED[key][i])}
                  required
                />
              )}
            </div>
          ))}
        </div>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="field-label">Who goes where</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="split" checked={!isPicking} onChange={() => setIsPicking(false)} />
            Evenly, by join order
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="split" checked={isPicking} onChange={() => setIsPicking(true)} />
            Pick students
          </label>
        </fieldset>
        {isPicking ? <PickList groupCount={groupCount} isAnonymized={classState.isAnonymized} /> : null}
        <button type="submit" className="btn-primary px-3 py-1.5" disabled={isLocked}>
          {experiment ? "Push new groups" : "Push groups"}
        </button>
      </form>
    </details>
  );
}

/** One select per student: their group, or "spread evenly" (the rest are balanced over the groups). */
function PickList({ groupCount, isAnonymized }: { groupCount: number; isAnonymized: boolean }) {
  const ids = useClassIds();
  if (ids.length === 0) return <p className="text-sm text-slate-700">No students yet.</p>;
  return (
    <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-4" aria-label="Pick each student's group">
      {ids.map((id) => (
        <PickRow key={id} id={id} groupCount={groupCount} isAnonymized={isAnonymized} />
      ))}
    </ul>
  );
}

function PickRow({ id, groupCount, isAnonymized }: { id: string; groupCount: number; isAnonymized: boolean }) {
  // Only the name is read, and it rarely changes: not worth 300 re-renders on every frame.
  const tile = useClassTile(id, "offScreen");
  if (!tile) return null;
  const name = tileName(tile, isAnonymized);
  return (
    <li className="flex items-center gap-2">
      <label htmlFor={`pick-${id}`} className="min-w-0 flex-1 truncate" title={name}>
        {name}
      </label>
      <select id={`pick-${id}`} name={`pick-${id}`} className="field-input mt-0 w-auto py-1" defaultValue={EVEN}>
        <option value={EVEN}>spread evenly</option>
        {lettersOf(groupCount).map((letter, i) => (
          <option key={letter} value={i}>
            Group {letter}
          </option>
        ))}
      </select>
    </li>
  );
}
