"use client";

import type { CellNumber } from "@/lib/cells";
import type { SessionSettings } from "@/lib/classroom/settings";
import { CellPanel } from "./cell-panel";
import type { Cells } from "./use-cells";

/** One cell's tab: its panel, once this browser's code is loaded, and why a result was not sent. */
export function CellStep({ cell, cells, settings }: { cell: CellNumber; cells: Cells; settings: SessionSettings }) {
  if (!cells.codes) return <p className="text-slate-600">Loading your code…</p>;
  return (
    <div className="space-y-3">
      {cells.notice ? (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          {cells.notice}
        </p>
      ) : null}
      <CellPanel
        cell={cell}
        code={cells.codes[cell]}
        report={cells.reports[cell]}
        result={cells.results.get(cell)}
        isRunning={cells.runningCell === cell}
        isBusy={cells.runningCell !== null}
        settings={settings}
        onCode={(code) => cells.setCode(cell, code)}
        onRun={() => cells.run(cell)}
      />
    </div>
  );
}
