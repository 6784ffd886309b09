"use client";

import { useId, useState } from "react";
import { DecisionMapCanvas } from "@/app/_components/charts/decision-map-canvas";
import { DATASET_EXTENT } from "@/lib/ml/nn/datasets";
import {
  type ClassState,
  MAP_RESOLUTION,
  MAX_COMPARE_SNAPSHOTS,
  MAX_SNAPSHOT_LABEL_CHARS,
  MIN_COMPARE_SNAPSHOTS,
  SNAPSHOT_CONTROL,
  type SnapshotControl,
  type TraySnapshot,
} from "@/lib/protocol";
import type { SnapshotAck } from "../_lib/compare-feed";
import { type CompareStore, useTray } from "../_lib/compare-store";
import { formatAccuracy, formatConfig, formatLoss, formatMissingNetwork, formatStep } from "../_lib/format";
import { useSnapshotNetwork } from "../_lib/use-snapshot-network";

const THUMBNAIL_PX = 96;

type SnapshotTrayProps = {
  compare: CompareStore;
  classState: ClassState;
  isConnected: boolean;
  sendSnapshot: (command: SnapshotControl) => Promise<SnapshotAck>;
};

/**
 * The dashboard's snapshot tray: the tiles the teacher snapshotted, in order (move up / down,
 * keyboard-usable), each with its label; 2–4 of them go side by side on the projector, live or frozen.
 */
export function SnapshotTray({ compare: compareStore, classState, isConnected, sendSnapshot }: SnapshotTrayProps) {
  const tray = useTray(compareStore);
  const snapshots = tray?.snapshots ?? [];
  const [selected, setSelected] = useState<readonly string[]>([]);
  const [isLive, setIsLive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const compare = classState.compare ?? null;
  // Selection in tray order; ids no longer in the tray drop out.
  const chosen = snapshots.filter((snapshot) => selected.includes(snapshot.id)).map((snapshot) => snapshot.id);
  const canShow = isConnected && chosen.length >= MIN_COMPARE_SNAPSHOTS && chosen.length <= MAX_COMPARE_SNAPSHOTS;

  async function send(label: string, command: SnapshotControl): Promise<boolean> {
    const ack = await sendSnapshot(command);
    setError(ack.ok ? null : `${label}: ${ack.error.message}`);
    return ack.ok;
  }
  const toggle = (id: string, isChecked: boolean) =>
    setSelected((previous) => (isChecked ? [...previous, id] : previous.filter((other) => other !== id)));
  const shownNames = compare
    ? compare.snapshotIds.map((id) => snapshots.find((snapshot) => snapshot.id === id)?.name ?? "?").join(", ")
    : null;

  return (
    <section aria-labelledby={headingId} className="card space-y-3" data-testid="snapshot-tray">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-xl font-bold">
          Snapshots <span className="font-mono">({snapshots.length})</span>
        </h2>
        <p className="text-sm text-slate-700">
          Snapshot any tile with its “Snapshot” button, pick {MIN_COMPARE_SNAPSHOTS}–{MAX_COMPARE_SNAPSHOTS} and show
          them side by side on the projector.
        </p>
      </div>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-2 py-1 text-sm font-medium text-red-800">
          {error}
        </p>
      )}
      {snapshots.length === 0 ? (
        <p className="text-slate-700">No snapshots yet.</p>
      ) : (
        <ol className="grid grid-cols-[repeat(auto-fill,minmax(19rem,1fr))] gap-3">
          {snapshots.map((snapshot, index) => (
            <TrayItem
              key={snapshot.id}
              snapshot={snapshot}
              position={index + 1}
              isFirst={index === 0}
              isLast={index === snapshots.length - 1}
              isSelected={chosen.includes(snapshot.id)}
              isConnected={isConnected}
              onSelect={(isChecked) => toggle(snapshot.id, isChecked)}
              send={send}
            />
          ))}
        </ol>
      )}
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3">
        <fieldset className="flex items-center gap-3">
          <legend className="sr-only">How the projector shows them</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name={`${headingId}-mode`} checked={!isLive} onChange={() => setIsLive(false)} />
            Frozen (as snapshotted)
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name={`${headingId}-mode`} checked={isLive} onChange={() => setIsLive(true)} />
            Live (follow each student)
          </label>
        </fieldset>
        <button
          type="button"
          className="btn-primary"
          disabled={!canShow}
          onClick={() =>
            void send("Show on the projector", { type: SNAPSHOT_CONTROL.show, snapshotIds: chosen, isLive })
          }
        >
          Show {chosen.length} side by side on the projector
        </button>
        {compare && (
          <button
            type="button"
            className="btn-secondary"
            disabled={!isConnected}
            onClick={() => void send("Stop comparing", { type: SNAPSHOT_CONTROL.hide })}
          >
            Stop comparing
          </button>
        )}
        <p className="text-sm" aria-live="polite" data-testid="compare-status">
          {compare
            ? `Projector compares ${compare.snapshotIds.length} (${compare.isLive ? "live" : "frozen"}): ${shownNames}`
            : chosen.length > 0
              ? `${chosen.length} picked`
              : `Pick ${MIN_COMPARE_SNAPSHOTS}–${MAX_COMPARE_SNAPSHOTS} to compare`}
        </p>
      </div>
    </section>
  );
}

type TrayItemProps = {
  snapshot: TraySnapshot;
  position: number;
  isFirst: boolean;
  isLast: boolean;
  isSelected: boolean;
  isConnected: boolean;
  onSelect: (isChecked: boolean) => void;
  send: (label: string, command: SnapshotControl) => Promise<boolean>;
};

function TrayItem({ snapshot, position, isFirst, isLast, isSelected, isConnected, onSelect, send }: TrayItemProps) {
  const [label, setLabel] = useState(snapshot.label);
  const title = `${position}. ${snapshot.name}${snapshot.label ? ` — ${snapshot.label}` : ""}`;
  // The network view in small: each unit's line over the map, and the units in words.
  const { model, lines } = useSnapshotNetwork(snapshot.weights, snapshot.config);
  const network = model
    ? `Network: ${model.units.length} ${model.units.length === 1 ? "unit" : "units"}${model.dead > 0 ? `, ${model.dead} dead` : ""}`
    : formatMissingNetwork(false, snapshot.weightsStatus);
  return (
    <li className="rounded-lg border border-slate-200 p-2" data-testid="tray-snapshot" data-snapshot-id={snapshot.id}>
      <div className="flex gap-2">
        <DecisionMapCanvas
          map={snapshot.map}
          resolution={MAP_RESOLUTION}
          extent={DATASET_EXTENT}
          size={THUMBNAIL_PX}
          line={model?.decisionLine?.segment ?? null}
          lines={lines}
          label={`Snapshot of ${snapshot.name}'s decision map${model ? ", with each hidden unit's line" : ""}`}
          className="rounded border border-slate-200"
        />
        <div className="min-w-0 flex-1 space-y-1 text-sm">
          <p className="truncate text-base font-bold" title={title}>
            {title}
          </p>
          <p>{formatConfig(snapshot.config)}</p>
          <p>
            Loss <strong className="font-mono">{formatLoss(snapshot.loss)}</strong> · Acc.{" "}
            <strong className="font-mono">{formatAccuracy(snapshot.accuracy)}</strong> · step{" "}
            <span className="font-mono">{formatStep(snapshot.step)}</span>
          </p>
          <p className="text-slate-700" data-testid="tray-network">
            {network}
          </p>
          <label className="flex items-center gap-1 font-semibold">
            <input type="checkbox" checked={isSelected} onChange={(event) => onSelect(event.target.checked)} />
            Compare
          </label>
        </div>
      </div>
      <form
        className="mt-2 flex items-center gap-1"
        onSubmit={(event) => {
          event.preventDefault();
          void send("Label", { type: SNAPSHOT_CONTROL.relabel, snapshotId: snapshot.id, label });
        }}
      >
        <label className="flex min-w-0 flex-1 items-center gap-1 text-sm">
          Label
          <input
            className="field-input mt-0 min-w-0 flex-1 py-0.5"
            value={label}
            maxLength={MAX_SNAPSHOT_LABEL_CHARS}
            onChange={(event) => setLabel(event.target.value)}
          />
        </label>
        <button type="submit" className="btn-secondary px-2 py-0.5 text-sm" disabled={!isConnected}>
          Save
        </button>
      </form>
      <div className="mt-2 flex flex-wrap gap-1">
        <button
          type="button"
          className="btn-secondary px-2 py-0.5 text-sm aria-disabled:opacity-50"
          disabled={!isConnected}
          // aria-disabled, not disabled: a button that just moved its snapshot to the top keeps the keyboard focus.
          aria-disabled={isFirst}
          aria-label={`Move ${snapshot.name}'s snapshot ${position} up`}
          onClick={() => {
            if (!isFirst) void send("Move", { type: SNAPSHOT_CONTROL.move, snapshotId: snapshot.id, direction: "up" });
          }}
        >
          <span aria-hidden="true">↑ </span>Up
        </button>
        <button
          type="button"
          className="btn-secondary px-2 py-0.5 text-sm aria-disabled:opacity-50"
          disabled={!isConnected}
          aria-disabled={isLast}
          aria-label={`Move ${snapshot.name}'s snapshot ${position} down`}
          onClick={() => {
            if (!isLast) void send("Move", { type: SNAPSHOT_CONTROL.move, snapshotId: snapshot.id, direction: "down" });
          }}
        >
          <span aria-hidden="true">↓ </span>Down
        </button>
        <button
          type="button"
          className="btn-secondary px-2 py-0.5 text-sm"
          disabled={!isConnected}
          aria-label={`Remove ${snapshot.name}'s snapshot ${position}`}
          onClick={() => void send("Remove", { type: SNAPSHOT_CONTROL.remove, snapshotId: snapshot.id })}
        >
          Remove
        </button>
      </div>
    </li>
  );
}
