"use client";

import { useMemo, useState } from "react";
import { CELL, CELL_STUBS, CELL_TITLES, type CellNumber, type CellReport, cellWeights } from "@/lib/cells";
import type { SessionSettings } from "@/lib/classroom/settings";
import { DEFAULT_N, makeDataset } from "@/lib/ml/nn";
import type { CellResult } from "@/lib/protocol";
import { CaseTable } from "./case-table";
import { CodeEditor } from "./code-editor";
import { ForwardBars } from "./forward-bars";
import { TrainingResult } from "./training-result";

/** What each cell asks, in the chapter's words. */
const INTROS: Readonly<Record<CellNumber, string>> = {
  1: "Write a linear layer: for each row of weight, the sum of x[i] × weight[r][i], plus that row's bias. Run checks it against the reference on several layers.",
  2: "Write the MLP forward pass: linear, ReLU, linear. You may call your linear from cell 1 and relu. Run compares your output with the reference on four test points, one per quadrant.",
  3: "Train on XOR: initMlp, mlpStep and the data are given. Change the hidden size, the iterations or the learning rate, then Run.",
};

type CellPanelProps = {
  cell: CellNumber;
  code: string;
  report: CellReport | undefined;
  result: CellResult | undefined;
  isRunning: boolean;
  isBusy: boolean;
  settings: SessionSettings;
  onCode: (code: string) => void;
  onRun: () => void;
};

/** One cell: what it asks, the editor, Run, and what the check found. */
export function CellPanel({ cell, code, report, result, isRunning, isBusy, settings, onCode, onRun }: CellPanelProps) {
  const [editorKey, setEditorKey] = useState(0);
  const weights = useMemo(() => cellWeights(settings.dataSeed), [settings.dataSeed]);
  const xor = useMemo(() => makeDataset("xor", { n: DEFAULT_N, seed: settings.dataSeed }), [settings.dataSeed]);
  const title = `Cell ${cell}: ${CELL_TITLES[cell]}`;
  return (
    <section className="card space-y-3" aria-label={title} data-testid={`cell-${cell}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-xl font-bold">{title}</h2>
        <CellStatus result={result} />
      </div>
      <p className="text-slate-700">{INTROS[cell]}</p>
      {cell === CELL.forwardPass ? (
        <details className="text-sm">
          <summary className="cursor-pointer">The class&apos;s fixed weights (the same for everyone)</summary>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs">
            {JSON.stringify(weights)}
          </pre>
        </details>
      ) : null}
      <CodeEditor key={editorKey} initialCode={code} label={`Code for ${title}`} onChange={onCode} onRun={onRun} />
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn-primary" disabled={isBusy} onClick={onRun}>
          <span aria-hidden="true">▶ </span>
          {isRunning ? "Running…" : "Run"}
        </button>
        <button
          type="button"
          className="btn-secondary"
          disabled={isBusy}
          onClick={() => {
            onCode(CELL_STUBS[cell]);
            setEditorKey((key) => key + 1);
          }}
        >
          Start over
        </button>
        <span className="text-sm text-slate-600">Ctrl+Enter (⌘+Enter on a Mac) runs too.</span>
      </div>
      {report ? <Findings report={report} xor={xor} /> : null}
    </section>
  );
}

function CellStatus({ result }: { result: CellResult | undefined }) {
  if (!result)
    return (
      <span className="text-sm text-slate-600" data-testid="cell-status">
        Not run yet
      </span>
    );
  const attempts = `${result.attempts} attempt${result.attempts === 1 ? "" : "s"}`;
  return (
    <span
      className={`text-sm font-semibold ${result.isPassed ? "text-green-800" : "text-red-800"}`}
      data-testid="cell-status"
    >
      <span aria-hidden="true">{result.isPassed ? "✓ " : "✗ "}</span>
      {result.isPassed ? "Passed" : "Not passed yet"} · {attempts}
    </span>
  );
}

function Findings({ report, xor }: { report: CellReport; xor: ReturnType<typeof makeDataset> }) {
  const { error } = report;
  return (
    <div className="space-y-3" data-testid="cell-findings">
      <p
        role="status"
        className={`rounded-lg border px-3 py-2 font-semibold ${report.isPassed ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-900"}`}
      >
        <span aria-hidden="true">{report.isPassed ? "✓ " : "✗ "}</span>
        {report.headline}
      </p>
      {error ? (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 font-mono text-sm"
          data-testid="cell-error"
        >
          {error.kind === "syntax" ? "Syntax error" : error.kind === "timeout" ? "Stopped" : "Error"}
          {error.line === null ? "" : ` on line ${error.line}`}: {error.message}
        </p>
      ) : null}
      {report.hint ? (
        <p className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="cell-hint">
          {report.hint}
        </p>
      ) : null}
      {report.bars ? <ForwardBars bars={report.bars} /> : null}
      {report.cases.length > 0 ? <CaseTable cases={report.cases} /> : null}
      {report.training ? <TrainingResult outcome={report.training} data={xor} /> : null}
    </div>
  );
}
