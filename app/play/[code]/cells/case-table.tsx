import type { CaseReport } from "@/lib/cells";

/**
 * The checker's cases: pass or fail in words and symbol (never colour alone), the inputs, expected
 * and got. One card per case, not a wide table: at 375 px a table of four columns of arrays would
 * scroll sideways, while a card wraps its values under their labels.
 */
export function CaseTable({ cases }: { cases: readonly CaseReport[] }) {
  return (
    <ul className="space-y-2" data-testid="case-table" aria-label="Checked cases">
      {cases.map((testCase) => (
        <li
          key={testCase.name}
          className={`rounded-lg border px-3 py-2 text-sm ${testCase.isPassed ? "border-slate-200" : "border-red-200"}`}
          data-testid="case-row"
        >
          <p className="flex flex-wrap items-baseline justify-between gap-x-3">
            <span className="font-semibold">{testCase.name}</span>
            <span className={`font-semibold ${testCase.isPassed ? "text-green-800" : "text-red-800"}`}>
              <span aria-hidden="true">{testCase.isPassed ? "✓ " : "✗ "}</span>
              {testCase.isPassed ? "pass" : "fail"}
            </span>
          </p>
          <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
            {testCase.input ? (
              <>
                <dt className="text-slate-700">Input</dt>
                <dd className="font-mono break-words" data-testid="case-input">
                  {testCase.input}
                </dd>
              </>
            ) : null}
            <dt className="text-slate-700">Expected</dt>
            <dd className="font-mono break-words">{testCase.expected}</dd>
            <dt className="text-slate-700">Got</dt>
            <dd className="font-mono break-words">
              {testCase.got}
              {testCase.note ? <span className="block font-sans text-slate-700">{testCase.note}</span> : null}
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
