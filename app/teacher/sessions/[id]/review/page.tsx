import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DATASET_EXTENT } from "@/lib/ml/nn";
import { MAP_RESOLUTION } from "@/lib/protocol";
import { getAppContext } from "@/server/context";
import { requireTeacher } from "@/server/http/teacher-auth";
import { getSessionReview } from "@/server/review/get-session-review";
import { listSessionSnapshots } from "@/server/review/list-session-snapshots";
import type { ParticipantSummary } from "@/server/review/summarize-review";
import { DatasetTabs } from "./_components/dataset-tabs";
import { DeleteSessionForm } from "./_components/delete-session-form";
import { GroupComparison } from "./_components/group-comparison";
import { NotesForm } from "./_components/notes-form";
import { ParticipantsTable } from "./_components/participants-table";
import { Replay } from "./_components/replay";
import { ReviewSnapshots, type ReviewSnapshotView } from "./_components/review-snapshots";
import { StepTabs } from "./_components/step-tabs";
import { SummaryCards } from "./_components/summary-cards";
import { WhatWorked } from "./_components/what-worked";
import type { DatasetView, ReviewRow, ScatterRun } from "./_lib/review-types";
import { reviewDatasetSchema, reviewStepSchema } from "./_lib/route-helpers";

export const metadata: Metadata = { title: "Review" };
export const dynamic = "force-dynamic";

/** Only what the table shows, so 300 rows stay a few tens of kB of props. */
function toRow(participant: ParticipantSummary): ReviewRow {
  const best = participant.best;
  const isReached = best?.verification.isReachedTarget ?? false;
  return {
    participantId: participant.participantId,
    nickname: participant.nickname,
    dataset: participant.dataset,
    runCount: participant.runCount,
    hidden: best?.config.hidden ?? null,
    lr: best?.config.lr ?? null,
    activation: best?.config.activation ?? null,
    optimizer: best?.config.optimizer ?? null,
    steps: best?.steps ?? null,
    configSteps: best?.config.steps ?? null,
    outcome: best?.outcome ?? null,
    loss: best?.loss ?? null,
    accuracy: best?.accuracy ?? null,
    verdict: best?.verification.verdict ?? null,
    reportedLoss: best?.reportedLoss ?? null,
    reportedAccuracy: best?.reportedAccuracy ?? null,
    mismatchReason: best?.verification.reason ?? null,
    isReachedTarget: isReached,
    stepsToTarget: isReached ? (best?.targetReachedStep ?? null) : null,
    cellsPassed: participant.cellsPassed,
    timeSpentS: Math.round(participant.timeSpentMs / 1000),
    isRemoved: participant.isRemoved,
  };
}

/**
 * After class: summary, what worked, every student's runs, a replay, exports, notes. Signed out →
 * sign-in; not the owner (or no such session) → 404. Curves and maps load on demand.
 */
export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const teacher = await requireTeacher();
  const query = await searchParams;
  const requested = reviewDatasetSchema.safeParse(query.dataset);
  const requestedStep = reviewStepSchema.safeParse(query.step);
  const review = await getSessionReview(
    getAppContext().db,
    teacher.id,
    id,
    requested.data ?? null,
    requestedStep.data ?? null,
  );
  if (!review) notFound();
  const snapshots: ReviewSnapshotView[] = ((await listSessionSnapshots(getAppContext().db, teacher.id, id)) ?? []).map(
    ({ map, participantId: _participantId, runId: _runId, order: _order, ...snapshot }) => ({
      ...snapshot,
      map: map ? Array.from(map) : null,
    }),
  );
  const { session, summary, participants, scatter, datasets, steps, step } = review;
  // "on step 2 · xor": what the figures below are about, when the class had steps or datasets.
  const onStep = step !== null ? ` on step ${step + 1}` : "";
  const scope = `${onStep}${datasets.length > 1 ? `${onStep ? "," : ""} on ${review.dataset ?? ""}` : ""}`;
  const base = `/teacher/sessions/${session.id}`;
  const shown = review.dataset ?? session.settings.dataset;
  // The detail and the replay show the same runs as the page's figures.
  const runScope = { dataset: datasets.length > 1 ? shown : null, step };
  // The points drawn under maps: the session's noise and seed when the shown dataset is the
  // current one; each run card and replay thumbnail uses its own run's config anyway.
  const dataset: DatasetView = {
    dataset: shown,
    noise: session.settings.noise,
    dataSeed: session.settings.dataSeed,
    extent: DATASET_EXTENT,
    mapResolution: MAP_RESOLUTION,
  };
  // The scatter colours and shapes runs by group in the latest experiment on this dataset.
  const compared = review.experiments[0] ?? null;
  const runs: ScatterRun[] = scatter.map(({ hidden, lr, loss, isReachedTarget, group }) => ({
    hidden,
    lr,
    loss,
    isReachedTarget,
    group: compared && group?.generation === compared.generation ? group.index : null,
  }));
  return (
    <div className="relative left-1/2 w-[calc(100vw-2rem)] max-w-[1400px] -translate-x-1/2 space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-700">Review</p>
          <h1 className="text-3xl font-bold tracking-tight">{session.title}</h1>
          <p className="text-slate-700" data-testid="review-datasets">
            {datasets.length > 0 ? datasets.map((use) => use.dataset).join(" → ") : session.settings.dataset} · target{" "}
            {Math.round(session.settings.targetAccuracy * 100)} % · code{" "}
            <span className="font-mono">{session.joinCode}</span> · {session.status === "ENDED" ? "ended" : "live"} ·{" "}
            {session.createdAt.toLocaleDateString("en")}
          </p>
        </div>
        <nav aria-label="Session" className="flex flex-wrap gap-2">
          <Link href="/teacher" className="btn-secondary">
            Your classes
          </Link>
          <Link href={base} className="btn-secondary">
            Dashboard
          </Link>
          <a href={`${base}/review/export/participants.csv`} className="btn-secondary" download>
            Download CSV
          </a>
          <a href={`${base}/review/export/session.json`} className="btn-secondary" download>
            Download session JSON
          </a>
        </nav>
      </header>

      {step !== null ? <StepTabs base={`${base}/review`} steps={steps} current={step} /> : null}
      {datasets.length > 1 ? (
        <DatasetTabs
          base={`${base}/review`}
          datasets={datasets}
          current={shown}
          extraQuery={step !== null ? `step=${step + 1}` : ""}
        />
      ) : null}

      <section aria-labelledby="summary-heading" className="space-y-3">
        <h2 id="summary-heading" className="text-xl font-semibold">
          Class summary{scope}
        </h2>
        <SummaryCards summary={summary} />
      </section>

      <section aria-labelledby="worked-heading" className="space-y-3">
        <h2 id="worked-heading" className="text-xl font-semibold">
          What worked{scope}
        </h2>
        <WhatWorked runs={runs} dataset={shown} groups={compared?.groups ?? []} />
      </section>

      {review.experiments.length > 0 ? (
        <section aria-labelledby="groups-heading" className="space-y-3">
          <h2 id="groups-heading" className="text-xl font-semibold">
            Groups compared{scope}
          </h2>
          <p className="text-sm text-slate-700">
            Each group trained with one setting changed and everything else the same. Per group: the median of each
            student&apos;s best final loss in that group, how many reached the target, and the median step they reported
            reaching it.
          </p>
          <GroupComparison experiments={review.experiments} />
        </section>
      ) : null}

      <section aria-labelledby="participants-heading" className="space-y-3">
        <h2 id="participants-heading" className="text-xl font-semibold">
          Participants{scope}
        </h2>
        <p className="text-sm text-slate-700">
          Each row shows the student&apos;s best run{scope} (lowest final loss the server verified). Loss, accuracy and
          &ldquo;reached&rdquo; are the server&apos;s own scoring of the final weights; a report that differs is
          flagged. Details show every run, its map, curve, weights and the cells&apos; code.
        </p>
        <ParticipantsTable sessionId={session.id} rows={participants.map(toRow)} dataset={dataset} scope={runScope} />
      </section>

      <section aria-labelledby="replay-heading" className="space-y-3">
        <h2 id="replay-heading" className="text-xl font-semibold">
          Replay
        </h2>
        <Replay sessionId={session.id} dataset={dataset} scope={runScope} />
      </section>

      <section aria-labelledby="snapshots-heading" className="space-y-3">
        <h2 id="snapshots-heading" className="text-xl font-semibold">
          Snapshots
        </h2>
        <p className="text-sm text-slate-700">
          The tiles you snapshotted during class, in your order: each as it was when taken.
        </p>
        <ReviewSnapshots snapshots={snapshots} />
      </section>

      <section aria-labelledby="notes-heading" className="space-y-3">
        <h2 id="notes-heading" className="text-xl font-semibold">
          Notes
        </h2>
        <NotesForm sessionId={session.id} notes={session.notes} />
      </section>

      <section aria-labelledby="delete-heading" className="space-y-3">
        <h2 id="delete-heading" className="text-xl font-semibold">
          Delete
        </h2>
        <DeleteSessionForm sessionId={session.id} title={session.title} isLive={session.status === "LIVE"} />
      </section>
    </div>
  );
}
