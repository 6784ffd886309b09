"use client";

import { useMemo } from "react";
import { LINE_STYLE } from "@/app/_components/charts/map-palette";
import {
  type Activation,
  DATASET_EXTENT,
  type DatasetName,
  describeDecisionLine,
  type Line2,
  linearLimitNote,
  lineInPlot,
  type UnitLine,
} from "@/lib/ml/nn";
import type { NetTraits } from "@/lib/training";

/** A linear net's decision line inside the plot, recomputed only when its coefficients change. */
export function useDecisionLine(logit: Line2 | null): UnitLine | null {
  const a = logit?.a;
  const b = logit?.b;
  const c = logit?.c;
  return useMemo(
    () => (a === undefined || b === undefined || c === undefined ? null : lineInPlot({ a, b, c }, DATASET_EXTENT)),
    [a, b, c],
  );
}

type NetworkFactsProps = {
  traits: NetTraits | null;
  /** The decision line when the net is linear (from {@link useDecisionLine}), else null. */
  line: UnitLine | null;
  dataset: DatasetName;
  activation: Activation;
};

/**
 * What the weights say beside the map: for a linear net its decision line in words and why one
 * line can or cannot split this dataset; for a ReLU net its dead units (tanh, sigmoid: saturated).
 */
export function NetworkFacts({ traits, line, dataset, activation }: NetworkFactsProps) {
  if (!traits) return null;
  return (
    <div className="mt-2 space-y-2 text-sm">
      {line ? (
        <div className="rounded-lg border border-slate-300 bg-slate-50 p-3" data-testid="linear-line">
          <p className="font-semibold">
            <span aria-hidden="true" style={{ color: LINE_STYLE.ink }}>
              ━{" "}
            </span>
            <span data-testid="decision-line-words">{describeDecisionLine(line)}</span>
          </p>
          <p className="mt-1 text-slate-700">{linearLimitNote(dataset)}</p>
        </div>
      ) : null}
      {traits.hidden > 0 && activation !== "linear" ? <UnitCount traits={traits} activation={activation} /> : null}
    </div>
  );
}

function UnitCount({ traits, activation }: { traits: NetTraits; activation: Activation }) {
  const { dead, saturated, hidden } = traits;
  // Death happens to ReLU units, saturation to tanh and sigmoid units.
  if (activation !== "relu") {
    return (
      <p data-testid="saturated-units">
        Saturated units: <strong>{saturated}</strong> of {hidden}{" "}
        <span className="text-slate-600">(flat on every point, so they barely learn)</span>
      </p>
    );
  }
  return (
    <p data-testid="dead-units">
      Dead units: <strong>{dead}</strong> of {hidden}{" "}
      <span className="text-slate-600">(a dead ReLU unit is 0 on every point and no longer learns)</span>
    </p>
  );
}
