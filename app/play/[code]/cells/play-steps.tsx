"use client";

import { type KeyboardEvent, type ReactNode, useRef, useState } from "react";
import { CELL_NUMBERS, CELL_TITLES, type CellNumber } from "@/lib/cells";
import type { CellResult } from "@/lib/protocol";

/** A step of the student page: one of the chapter's cells, or free training. */
export type Step = CellNumber | "free";

type PlayStepsProps = {
  initialStep: Step;
  results: ReadonlyMap<number, CellResult>;
  renderCell: (cell: CellNumber) => ReactNode;
  /** Free training, as before the cells existed. */
  children: ReactNode;
};

const STEPS: readonly Step[] = [...CELL_NUMBERS, "free"];

/**
 * The chapter's cells as steps beside free training: "1 Linear layer · 2 Forward pass · 3 Train on
 * XOR · Free training", as tabs (arrow keys move between them). Every panel stays mounted, so the
 * editors and a run in progress survive switching.
 */
export function PlaySteps({ initialStep, results, renderCell, children }: PlayStepsProps) {
  const [step, setStep] = useState<Step>(initialStep);
  const tabRefs = useRef(new Map<Step, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent) => {
    const offset = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (offset === 0) return;
    event.preventDefault();
    const next = STEPS[(STEPS.indexOf(step) + offset + STEPS.length) % STEPS.length] ?? "free";
    setStep(next);
    tabRefs.current.get(next)?.focus();
  };
  return (
    <div className="space-y-4">
      <div
        role="tablist"
        aria-label="Chapter cells and free training"
        className="flex flex-wrap gap-1 border-b border-slate-200"
        onKeyDown={onKeyDown}
      >
        {STEPS.map((item) => {
          const isSelected = item === step;
          const result = item === "free" ? undefined : results.get(item);
          return (
            <button
              key={item}
              ref={(element) => {
                if (element) tabRefs.current.set(item, element);
              }}
              type="button"
              role="tab"
              id={`step-tab-${item}`}
              aria-selected={isSelected}
              aria-controls={`step-panel-${item}`}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => setStep(item)}
              className={`-mb-px rounded-t-lg border px-3 py-2 text-sm font-semibold ${isSelected ? "border-slate-200 border-b-white bg-white" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {item === "free" ? "Free training" : `${item} ${CELL_TITLES[item]}`}
              {result ? (
                <span className="ml-1">
                  {result.isPassed ? "✓" : "✗"}
                  <span className="sr-only">{result.isPassed ? " passed" : " not passed yet"}</span>
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
      {STEPS.map((item) => (
        <div
          key={item}
          role="tabpanel"
          id={`step-panel-${item}`}
          aria-labelledby={`step-tab-${item}`}
          hidden={item !== step}
        >
          {item === "free" ? <div className="space-y-6">{children}</div> : renderCell(item)}
        </div>
      ))}
    </div>
  );
}
