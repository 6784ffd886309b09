import type { ClassSummary } from "@/lib/review/summary";
import { formatAccuracy, formatLoss } from "../_lib/format";

/**
 * The projector after "End session": a short summary instead of the join code — how many
 * reached the target (the server's verification), the median final loss and the class's best
 * run, per dataset. Names are left out while the class is anonymized.
 */
export function ClassSummaryView({ summary, isAnonymized }: { summary: ClassSummary; isAnonymized: boolean }) {
  return (
    <section
      aria-labelledby="summary-heading"
      className="flex w-full flex-col items-center gap-[2vh]"
      data-testid="class-summary"
    >
      <h2 id="summary-heading" className="text-[clamp(1.5rem,5vh,3.5rem)] font-bold">
        Session ended · {summary.students} {summary.students === 1 ? "student" : "students"}
      </h2>
      {summary.datasets.length === 0 ? (
        <p className="text-[3.5vh] text-slate-700">Nobody trained in this class.</p>
      ) : null}
      <div
        className={`grid w-full gap-[2vh] ${summary.datasets.length > 1 ? "grid-cols-2" : "max-w-[70vw] grid-cols-1"}`}
      >
        {summary.datasets.slice(0, 4).map(({ summary: figures, best }) => (
          <article key={figures.dataset} className="card p-[2vh] text-left" data-testid="summary-dataset">
            <h3 className="text-[clamp(1.25rem,4vh,2.75rem)] font-bold">{figures.dataset}</h3>
            <dl className="mt-[1vh] grid grid-cols-[auto_1fr] items-baseline gap-x-[2vw] gap-y-[0.5vh] text-[clamp(1rem,3.2vh,2.25rem)]">
              <dt>Reached the target</dt>
              <dd className="font-mono font-bold" data-testid="summary-reached">
                {figures.studentsReachedTarget} of {figures.studentsTrained}
              </dd>
              <dt>Median final loss</dt>
              <dd className="font-mono font-bold">{formatLoss(figures.medianFinalLoss)}</dd>
              <dt>Runs</dt>
              <dd className="font-mono font-bold">{figures.runs}</dd>
              <dt>Best run</dt>
              <dd data-testid="summary-best">
                {best ? (
                  <>
                    <span className="font-mono font-bold">{formatLoss(best.loss)}</span>
                    {isAnonymized ? "" : ` by ${best.nickname}`} · hidden {best.hidden}, lr {best.lr}, {best.activation}
                    , {best.optimizer} · <span className="whitespace-nowrap">{formatAccuracy(best.accuracy)}</span>
                  </>
                ) : (
                  "—"
                )}
              </dd>
            </dl>
          </article>
        ))}
      </div>
      <p className="text-[2.5vh] text-slate-700">Figures are the server&apos;s own scoring of each final network.</p>
    </section>
  );
}
