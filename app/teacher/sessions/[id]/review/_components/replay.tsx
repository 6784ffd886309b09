"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DecisionMapCanvas } from "@/app/_components/charts/decision-map-canvas";
import { LossChart } from "@/app/_components/charts/loss-chart";
import { type ReplayFrame, replayFrameSchema } from "@/lib/review/responses";
import { type RunScope, scopeSearchParams } from "@/lib/review/run-scope";
import { decodeMap, formatClock, formatLoss, runStatusText } from "../_lib/review-format";
import type { DatasetView } from "../_lib/review-types";

/** Slider positions across the class's timeline: a 1-hour class moves ~4 s per position. */
const SLIDER_POSITIONS = 1000;
/** Wait this long after the last slider move before asking the server: one request per pause, not per pixel. */
const SCRUB_DEBOUNCE_MS = 120;
const THUMB_SIZE_PX = 72;
/** Above this many students uPlot's legend is a wall of names; the chart's label says what is drawn. */
const MAX_LEGEND_SERIES = 8;
const STUDENT_COLOR = "rgba(71, 85, 105, 0.35)";
const MEDIAN_COLOR = "#0f172a";

type ReplayProps = {
  sessionId: string;
  dataset: DatasetView;
  /** Replay only the runs the review page is on (its dataset and lesson step). */
  scope: RunScope;
};

/**
 * Scrub the class's timeline: every student's map and curve as they were at that moment, from the
 * stored snapshots and curves. Loaded on request, so the review page itself stays light.
 */
export function Replay({ sessionId, dataset, scope }: ReplayProps) {
  const [frame, setFrame] = useState<ReplayFrame | null>(null);
  const [position, setPosition] = useState(SLIDER_POSITIONS);
  const [status, setStatus] = useState<"idle" | "loading" | "error">("idle");
  const controllerRef = useRef<AbortController | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);

  // A string, so that the callback below changes only when the scope does.
  const scopeQuery = scopeSearchParams(scope).toString();
  const load = useCallback(
    async (at?: string) => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      setStatus("loading");
      try {
        const params = new URLSearchParams(scopeQuery);
        if (at) params.set("at", at);
        const query = params.size > 0 ? `?${params}` : "";
        const response = await fetch(`/teacher/sessions/${sessionId}/review/replay${query}`, {
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(String(response.status));
        // A frame that does not parse is shown as the error state, like a failed request.
        setFrame(replayFrameSchema.parse(await response.json()));
        setStatus("idle");
      } catch {
        if (!controller.signal.aborted) setStatus("error");
      }
    },
    [sessionId, scopeQuery],
  );

  useEffect(
    () => () => {
      controllerRef.current?.abort();
      if (timerRef.current) clearTimeout(timerRef.current);
    },
    [],
  );

  const bounds = frame?.bounds ?? null;
  const timeAt = (value: number) => {
    if (!bounds) return undefined;
    const start = Date.parse(bounds.start);
    return new Date(start + ((Date.parse(bounds.end) - start) * value) / SLIDER_POSITIONS).toISOString();
  };

  const onScrub = (value: number) => {
    setPosition(value);
    if (timerRef.current) clearTimeout(timerRef.current);
    timerRef.current = setTimeout(() => void load(timeAt(value)), SCRUB_DEBOUNCE_MS);
  };

  if (!frame) {
    return (
      <div className="space-y-2">
        <button type="button" className="btn-secondary" onClick={() => void load()} disabled={status === "loading"}>
          {status === "loading" ? "Loading the replay…" : "Open the replay"}
        </button>
        {status === "error" ? <p className="text-red-700">Could not load the replay. Try again.</p> : null}
      </div>
    );
  }
  if (!bounds) return <p className="text-slate-700">Nobody trained in this session, so there is nothing to replay.</p>;
  const label = timeAt(position) ?? frame.at;
  return (
    <div className="space-y-4" data-testid="replay">
      <label className="block">
        <span className="field-label">
          Class at <time dateTime={label}>{formatClock(label)}</time>
          <span className="ml-2 font-normal text-slate-600">
            ({formatClock(bounds.start)} – {formatClock(bounds.end)})
          </span>
        </span>
        <input
          type="range"
          className="mt-2 w-full"
          min={0}
          max={SLIDER_POSITIONS}
          step={1}
          value={position}
          aria-valuetext={formatClock(label)}
          onChange={(event) => onScrub(Number(event.target.value))}
        />
      </label>
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="replay-status">
        {status === "loading"
          ? "Loading…"
          : status === "error"
            ? "Could not load this moment."
            : `Showing ${formatClock(frame.at)}: ${frame.participants.length} students${scope.step !== null ? ` on step ${scope.step + 1}` : ""}${scope.dataset ? ` on ${scope.dataset}` : ""}`}
      </p>
      <ReplayChart frame={frame} />
      <ul className="flex flex-wrap gap-3" aria-label="Decision maps at this moment">
        {frame.participants.map((participant) => (
          <ReplayThumb key={participant.participantId} participant={participant} dataset={dataset} />
        ))}
      </ul>
    </div>
  );
}

function ReplayChart({ frame }: { frame: ReplayFrame }) {
  const series = useMemo(
    () => [
      ...frame.participants.map((participant) => ({
        label: participant.nickname,
        values: participant.values,
        color: STUDENT_COLOR,
        width: 1,
      })),
      { label: "class median", values: frame.median, color: MEDIAN_COLOR, width: 3 },
    ],
    [frame],
  );
  return (
    <LossChart
      steps={frame.steps}
      series={series}
      isLogScale
      height={240}
      label={`Loss curves of ${frame.participants.length} students at this moment (thin grey), class median (thick black), log scale`}
      showLegend={series.length <= MAX_LEGEND_SERIES}
    />
  );
}

function ReplayThumb({
  participant,
  dataset,
}: {
  participant: ReplayFrame["participants"][number];
  dataset: DatasetView;
}) {
  const map = useMemo(() => decodeMap(participant.map), [participant.map]);
  return (
    <li className="w-[88px] text-xs" data-testid="replay-thumb">
      <DecisionMapCanvas
        map={map}
        resolution={dataset.mapResolution}
        extent={dataset.extent}
        size={THUMB_SIZE_PX}
        label={`Decision map of ${participant.nickname} at this moment`}
        className="rounded border border-slate-200"
      />
      <p className="truncate font-semibold" title={participant.nickname}>
        {participant.nickname}
      </p>
      <p className="tabular-nums">
        step {participant.step.toLocaleString("en")} · {formatLoss(participant.loss)}
      </p>
      <p>{runStatusText(participant.status)}</p>
    </li>
  );
}
