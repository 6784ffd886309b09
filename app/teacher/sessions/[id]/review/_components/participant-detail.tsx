"use client";

import { type ReactNode, useEffect, useMemo, useState } from "react";
import { DecisionMapCanvas } from "@/app/_components/charts/decision-map-canvas";
import { LossChart } from "@/app/_components/charts/loss-chart";
import { ParameterCount } from "@/app/_components/parameter-count";
import { type ParticipantReview, type ParticipantRunReview, participantReviewSchema } from "@/lib/review/responses";
import { type RunScope, scopeSearchParams } from "@/lib/review/run-scope";
import { editedDataset } from "@/lib/training/point-edits";
import { AttentionBadges } from "../../_components/attention-badges";
import { decodeMap, formatAccuracy, formatLoss, formatLr, outcomeText } from "../_lib/review-format";
import type { DatasetView } from "../_lib/review-types";
import { useDatasetPoints } from "../_lib/use-dataset-points";
import { RunNetwork } from "./run-network";

/** Run colours in order; the legend names each run, so colour is not the only way to tell them apart. */
const RUN_COLORS = ["#1d4ed8", "#c2410c", "#15803d", "#7e22ce", "#0f766e", "#b91c1c", "#334155"];
const MAP_SIZE_PX = 128;

type DetailState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; data: ParticipantReview };

/** One student's runs (curves, final maps, figures, weights) and cells, fetched when the row opens. */
export function ParticipantDetail({
  sessionId,
  participantId,
  dataset,
  scope,
}: {
  sessionId: string;
  participantId: string;
  dataset: DatasetView;
  /** Only the runs the review page is on (its dataset and lesson step). */
  scope: RunScope;
}) {
  const [state, setState] = useState<DetailState>({ status: "loading" });
  const params = scopeSearchParams(scope);
  const query = params.size > 0 ? `?${params}` : "";
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/teacher/sessions/${sessionId}/review/participants/${participantId}${query}`, { signal: controller.signal })
      .then(async (response) => {
        if (!response.ok)
          throw new Error(
            response.status === 404
              ? "This student is no longer in the session."
              : `The server answered ${response.status}.`,
          );
        const detail = participantReviewSchema.safeParse(await response.json());
        if (!detail.success) throw new Error("The server's answer was not a student's detail.");
        setState({ status: "ready", data: detail.data });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted)
          setState({
            status: "error",
            message: error instanceof Error ? error.message : "Could not load the details.",
          });
      });
    return () => controller.abort();
  }, [sessionId, participantId, query]);

  if (state.status === "loading") return <p className="text-slate-700">Loading the student's runs…</p>;
  if (state.status === "error") return <p className="text-red-700">{state.message}</p>;
  return (
    <ParticipantRuns
      data={state.data}
      dataset={dataset}
      renderWeights={(run, index) =>
        run.hasWeights ? (
          <a
            className="mt-1 inline-block font-semibold text-cool-700 underline"
            href={`/teacher/sessions/${sessionId}/review/runs/${run.id}/weights.json`}
            download
          >
            Weights (JSON) of run {index + 1}
          </a>
        ) : null
      }
    />
  );
}

type ParticipantRunsProps = {
  data: ParticipantReview;
  dataset: DatasetView;
  /** What each run card offers for its weights: the teacher's download link, or the student's take-away. */
  renderWeights: (run: ParticipantRunReview, index: number) => ReactNode;
};

/** One participant's runs (curves, final maps, figures) and cells: the teacher's review and the student's take-away. */
export function ParticipantRuns({ data, dataset, renderWeights }: ParticipantRunsProps) {
  const series = useMemo(
    () =>
      data.chart.values.map((values, i) => ({
        label: `Run ${i + 1}`,
        values,
        color: RUN_COLORS[i % RUN_COLORS.length] ?? "#334155",
        width: 2,
      })),
    [data],
  );
  return (
    <div className="space-y-4" data-testid="participant-detail">
      <h3 className="text-lg font-semibold">
        Runs of {data.nickname}
        {data.step !== null ? ` on step ${data.step + 1}` : ""}
        {data.dataset ? ` on ${data.dataset}` : ""}
      </h3>
      {data.otherRuns > 0 ? (
        <p className="text-sm text-slate-700">
          {data.otherRuns} more {data.otherRuns === 1 ? "run" : "runs"} on other {data.step !== null ? "steps or " : ""}
          datasets: pick {data.otherRuns === 1 ? "its tab" : "their tabs"} above to see{" "}
          {data.otherRuns === 1 ? "it" : "them"}.
        </p>
      ) : null}
      {data.runs.length === 0 ? (
        <p className="text-slate-700">No runs.</p>
      ) : (
        <LossChart
          steps={data.chart.steps}
          series={series}
          isLogScale
          height={200}
          label={`Loss curves of ${data.nickname}, one per run`}
        />
      )}
      <ol className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {data.runs.map((run, i) => (
          <RunCard
            key={run.id}
            nickname={data.nickname}
            run={run}
            index={i}
            dataset={dataset}
            weights={renderWeights(run, i)}
          />
        ))}
      </ol>
      <section aria-label={`Cells of ${data.nickname}`} className="space-y-2">
        <h4 className="font-semibold">Cells</h4>
        {data.cells.length === 0 ? <p className="text-slate-700">No cell was run.</p> : null}
        {data.cells.map((cell) => (
          <div key={cell.cell} className="rounded-lg border border-slate-200 bg-white p-2">
            <p className="text-sm">
              Cell {cell.cell}:{" "}
              {cell.isPassed ? (
                <span className="font-semibold text-green-800">✓ passed</span>
              ) : (
                <span>✕ not passed</span>
              )}{" "}
              after {cell.attempts} {cell.attempts === 1 ? "attempt" : "attempts"}
              {cell.lastError ? <span className="text-slate-700"> — last error: {cell.lastError}</span> : null}
            </p>
            <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-50">
              {cell.code || "(no code shared)"}
            </pre>
          </div>
        ))}
      </section>
    </div>
  );
}

function RunCard({
  nickname,
  run,
  index,
  dataset,
  weights,
}: {
  nickname: string;
  run: ParticipantRunReview;
  index: number;
  dataset: DatasetView;
  weights: ReactNode;
}) {
  const map = useMemo(() => decodeMap(run.finalMap), [run.finalMap]);
  const config = run.config;
  const classPoints = useDatasetPoints({
    dataset: typeof config.dataset === "string" ? config.dataset : dataset.dataset,
    noise: typeof config.noise === "number" ? config.noise : dataset.noise,
    dataSeed: typeof config.dataSeed === "number" ? config.dataSeed : dataset.dataSeed,
  });
  // An edited run is drawn with the points it trained on (and was scored on).
  const points = useMemo(
    () => (classPoints && run.edits.length > 0 ? editedDataset(classPoints, run.edits) : classPoints),
    [classPoints, run.edits],
  );
  const read = (key: string) =>
    typeof config[key] === "number" || typeof config[key] === "string" ? String(config[key]) : "—";
  return (
    <li className="flex min-w-0 gap-3 rounded-xl border border-slate-200 bg-white p-3" data-testid="run-card">
      <DecisionMapCanvas
        map={map}
        resolution={dataset.mapResolution}
        extent={dataset.extent}
        points={points}
        size={MAP_SIZE_PX}
        label={`Final decision map of ${nickname}, run ${index + 1}: warm = class 1 (circles), cool = class 0 (squares)`}
        className="shrink-0 rounded border border-slate-200"
      />
      <div className="min-w-0 text-sm">
        <p className="font-semibold">
          <span aria-hidden="true" style={{ color: RUN_COLORS[index % RUN_COLORS.length] }}>
            ━{" "}
          </span>
          Run {index + 1} · {outcomeText(run.outcome, null, null)}
          {run.verification.isReachedTarget ? " · ✓ reached the target" : ""}
          {run.isEdited ? " · ✎ edited data (scored on the student's points, not counted as reached)" : ""}
        </p>
        <p>
          hidden {read("hidden")} · lr {formatLr(typeof config.lr === "number" ? config.lr : null)} ·{" "}
          {read("activation")} · {read("optimizer")}
        </p>
        <ParameterCount hidden={config.hidden} />
        <p>
          {run.dataset} · {run.steps.toLocaleString("en")} of {read("steps")} steps · seed {read("initSeed")}
        </p>
        <Figures run={run} />
        <AttentionBadges flags={run.flags} name={`${nickname}, run ${index + 1}`} />
        {weights}
        {run.weights ? (
          <RunNetwork
            weights={run.weights}
            hidden={typeof config.hidden === "number" ? config.hidden : undefined}
            points={points}
            nickname={nickname}
          />
        ) : null}
      </div>
    </li>
  );
}

/** The server's figures first; the student's report beside them only where it differs or nothing was verified. */
function Figures({ run }: { run: ParticipantRunReview }) {
  const { verdict, reason } = run.verification;
  if (verdict === "unverified") {
    return (
      <p>
        loss {formatLoss(run.reportedLoss)} · accuracy {formatAccuracy(run.reportedAccuracy)}{" "}
        <span className="text-slate-600">(reported; no final weights to verify)</span>
      </p>
    );
  }
  return (
    <>
      <p>
        loss {formatLoss(run.verifiedLoss)} · accuracy {formatAccuracy(run.verifiedAccuracy)}{" "}
        <span className="text-slate-600">(verified by the server)</span>
      </p>
      {verdict === "mismatch" ? (
        <p className="font-semibold text-red-700" data-testid="run-mismatch">
          ⚠ The student&apos;s report differs ({reason}): reported loss {formatLoss(run.reportedLoss)}, accuracy{" "}
          {formatAccuracy(run.reportedAccuracy)}
        </p>
      ) : null}
      {run.targetReachedStep !== null && run.verification.isReachedTarget ? (
        <p className="text-slate-700">target met at step {run.targetReachedStep.toLocaleString("en")} (reported)</p>
      ) : null}
    </>
  );
}
