import Link from "next/link";
import type { StepUse } from "@/server/review/summarize-steps";

/**
 * A class launched from a lesson is reviewed one step at a time, each with what it had students
 * do: runs on a training step, passes of a cell step's cell. Plain links (`?step=`, from 1), so
 * each view has its own URL and works without script.
 */
export function StepTabs({ base, steps, current }: { base: string; steps: StepUse[]; current: number }) {
  return (
    <nav aria-label="Lesson step" data-testid="step-tabs">
      <p className="mb-2 text-sm font-semibold text-slate-800">Results by lesson step:</p>
      <ol className="flex flex-wrap gap-2">
        {steps.map((use) => {
          const isCurrent = use.step === current;
          const done =
            use.kind === "cell"
              ? `${use.students} passed`
              : `${use.runs} ${use.runs === 1 ? "run" : "runs"}, ${use.students} ${use.students === 1 ? "student" : "students"}`;
          return (
            <li key={use.step}>
              <Link
                href={`${base}?step=${use.step + 1}`}
                aria-current={isCurrent ? "page" : undefined}
                className={`block rounded-lg border px-3 py-1.5 text-sm font-semibold ${isCurrent ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-900 hover:bg-slate-100"}`}
              >
                {use.step + 1} · {use.title} <span className="font-normal">· {done}</span>
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
