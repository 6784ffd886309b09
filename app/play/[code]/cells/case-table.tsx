import type { CaseReport } from "@/lib/cells";

/** The checker's cases: pass or fail in words and symbol (never colour alone), expected and got. */
export function CaseTable({ cases }: { cases: readonly CaseReport[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[20rem] text-left text-sm" data-testid="case-table">
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1 pr-2">
              Case
            </th>
            <th scope="col" className="py-1 pr-2">
              Result
            </th>
            <th scope="col" className="py-1 pr-2">
              Expected
            </th>
            <th scope="col" className="py-1">
              Got
            </th>
          </tr>
        </thead>
        <tbody>
          {cases.map((testCase) => (
            <tr key={testCase.name} className="border-b border-slate-100 align-top" data-testid="case-row">
              <th scope="row" className="py-1 pr-2 font-normal">
                {testCase.name}
              </th>
              <td className={`py-1 pr-2 font-semibold ${testCase.isPassed ? "text-green-800" : "text-red-800"}`}>
                <span aria-hidden="true">{testCase.isPassed ? "✓ " : "✗ "}</span>
                {testCase.isPassed ? "pass" : "fail"}
              </td>
              <td className="py-1 pr-2 font-mono break-all">{testCase.expected}</td>
              <td className="py-1 font-mono break-all">
                {testCase.got}
                {testCase.note ? <span className="block font-sans text-slate-700">{testCase.note}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
