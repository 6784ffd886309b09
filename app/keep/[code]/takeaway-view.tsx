"use client";

import { useState } from "react";
import { ParticipantRuns } from "@/app/teacher/sessions/[id]/review/_components/participant-detail";
import { DATASET_EXTENT } from "@/lib/ml/nn/datasets";
import { MAP_RESOLUTION } from "@/lib/protocol";
import type { ParticipantRunReview } from "@/lib/review/responses";
import { downloadWeights } from "./fetch-takeaway";
import type { TakeawayData } from "./takeaway-types";

/** A run's weights download and, beside it, the lines that load that file into the chapter's helpers. */
function RunWeights({
  token,
  run,
  index,
  note,
}: {
  token: string;
  run: ParticipantRunReview;
  index: number;
  note?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  if (!run.hasWeights || !note) return <p className="mt-1 text-slate-700">No weights: the run left none.</p>;
  return (
    <div className="mt-2 space-y-1">
      <button
        type="button"
        className="btn-secondary px-3 py-1 text-sm"
        disabled={isSaving}
        onClick={async () => {
          setIsSaving(true);
          setError(await downloadWeights(token, run.id, index + 1));
          setIsSaving(false);
        }}
      >
        Download the weights of run {index + 1}
      </button>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
      <details>
        <summary className="cursor-pointer font-semibold">Load them in Python</summary>
        <pre className="mt-1 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-50">{note}</pre>
      </details>
    </div>
  );
}

/** The take-away: the class, the chapter's §4 code, then the student's runs and cells as the teacher's review shows them. */
export function TakeawayView({ code, token, data }: { code: string; token: string; data: TakeawayData }) {
  const { session, detail } = data;
  const dataset = {
    dataset: session.dataset,
    noise: session.noise,
    dataSeed: session.dataSeed,
    extent: DATASET_EXTENT,
    mapResolution: MAP_RESOLUTION,
  };
  const when = session.endedAt ? `ended ${new Date(session.endedAt).toLocaleString("en")}` : "still live";
  return (
    <div className="space-y-6" data-testid="takeaway">
      <header>
        <p className="text-sm text-slate-700">Yours to keep · read-only</p>
        <h1 className="text-2xl font-bold break-words">What you trained in {session.title}</h1>
        <p className="text-slate-700">
          As <strong>{detail.nickname}</strong> · class <span className="font-mono">{code}</span> · {when}
          {session.lessonTitle ? ` · lesson ${session.lessonTitle}` : ""}
        </p>
      </header>
      <section aria-labelledby="python-heading" className="card space-y-2">
        <h2 id="python-heading" className="text-lg font-semibold">
          Your weights in llm/nn.py
        </h2>
        <p>
          The chapter's §4 helpers, as they go below the code in <code>llm/nn.py</code>. Download a run's weights below,
          put the file next to it, and its "Load them in Python" lines run your trained network.
        </p>
        <pre className="overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-50" data-testid="chapter-python">
          {data.chapterPython}
        </pre>
      </section>
      <ParticipantRuns
        data={detail}
        dataset={dataset}
        renderWeights={(run, index) => (
          <RunWeights token={token} run={run} index={index} note={data.loadNotes[run.id]} />
        )}
      />
    </div>
  );
}
