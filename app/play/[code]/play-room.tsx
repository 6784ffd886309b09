"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { CELL_NUMBERS, type CellNumber } from "@/lib/cells";
import type { HyperParams } from "@/lib/classroom/settings";
import { type CellResult, ERROR_CODE, FORWARD_PASS_CELL } from "@/lib/protocol";
import type { StoredParticipant } from "../../join/participant-store";
import { CellStep } from "./cells/cell-step";
import { PlaySteps } from "./cells/play-steps";
import { useCells } from "./cells/use-cells";
import { saveFormDraft } from "./form-draft";
import { GroupNote } from "./group-note";
import { HyperParamsForm } from "./hyper-params-form";
import { LessonStepper } from "./lesson-stepper";
import { restoredView } from "./restored-view";
import { describeStatus } from "./status-line";
import { TrainingControls } from "./training-controls";
import { TrainingPanel } from "./training-panel";
import { useFadingNotice } from "./use-fading-notice";
import { useLongestTask } from "./use-longest-task";
import { useNetworkShare } from "./use-network-share";
import { usePlaySession } from "./use-play-session";
import { useUntrainedView } from "./use-untrained-view";
import { WaitingView } from "./waiting-view";

const TONE_CLASSES = {
  neutral: "border-slate-200 bg-white text-slate-800",
  good: "border-green-300 bg-green-50 text-green-900",
  warn: "border-amber-300 bg-amber-50 text-amber-900",
  bad: "border-red-300 bg-red-50 text-red-900",
} as const;
const NO_CELLS: readonly CellResult[] = [];

/** The chapter cell a lesson step names, if it is one. */
function toCellNumber(cell: number | null): CellNumber | null {
  return CELL_NUMBERS.find((number) => number === cell) ?? null;
}

/** The chapter's training view, live in class: map, curve, figures, controls, hyper-parameters. */
export function PlayRoom({ code, participant }: { code: string; participant: StoredParticipant }) {
  const session = usePlaySession(code, participant.token);
  const { connection, classState, view, runConfig, choice, unsavedFinishes } = session;
  const longestTaskMs = useLongestTask(view?.runId ?? null);
  useNetworkShare(view, session.isWatched, session.sendNetwork);
  // After a reload the Worker is empty: the server's copy of the last run is drawn until a new one starts.
  const lastRun = classState?.lastRun ?? null;
  const restored = useMemo(() => (lastRun ? restoredView(lastRun) : null), [lastRun]);
  const runView = view ?? restored?.view ?? null;
  const runViewConfig = runConfig ?? (view ? null : (restored?.config ?? null));
  const status = describeStatus(connection, classState, runView, runViewConfig, unsavedFinishes);
  const isClosed = connection.phase === "closed" || classState?.isEnded === true;
  // Ended (not removed): the kept token opens the take-away.
  const isEnded =
    classState?.isEnded === true || (connection.phase === "closed" && connection.error.code === ERROR_CODE.classEnded);
  const isRunning = view?.phase === "running";
  // A notice fades, and a closed page (removed, ended) keeps none: the status line says why it closed.
  const fadingNotice = useFadingNotice(session.notice, classState?.generation);
  const notice = isClosed ? null : fadingNotice;
  // Before the first run the panel draws the net the run would start from, not a blank map.
  const untrained = useUntrainedView(classState?.settings ?? null, choice);
  const cells = useCells({
    classCode: code,
    participantId: classState?.participant.id ?? null,
    settings: classState?.settings ?? null,
    serverCells: classState?.cells ?? NO_CELLS,
    sendCheck: session.checkCell,
  });
  // The teacher may require the forward-pass cell before free training (the server refuses runs too).
  const isCellGateClosed =
    classState?.settings.requireForwardPassCell === true && cells.results.get(FORWARD_PASS_CELL)?.isPassed !== true;
  const isTrainingBlocked =
    isClosed ||
    connection.phase !== "connected" ||
    classState === null ||
    classState.isPaused ||
    session.isStarting ||
    isCellGateClosed;

  // Every edit is kept in this browser until a reload needs it (form-draft.ts): unsent edits survive.
  const changeChoice = (next: HyperParams) => {
    if (classState) {
      const lessonStep = classState.lesson?.step ?? null;
      saveFormDraft(code, classState.participant.id, { generation: classState.generation, lessonStep, choice: next });
    }
    session.setChoice(next);
  };
  const [isMoving, setIsMoving] = useState(false);
  const goToStep = (step: number) => {
    setIsMoving(true);
    void session.goToStep(step).finally(() => setIsMoving(false));
  };
  const lessonStep = classState?.lesson ? classState.lesson.steps[classState.lesson.step] : undefined;
  const lessonCell = lessonStep?.kind === "cell" ? toCellNumber(lessonStep.cell) : null;
  // The run's status belongs with the run: on the cell tabs it only said "Training…" beside someone's code.
  const isStatusOnTop = classState === null || isClosed;
  const statusLine = (
    <p
      role="status"
      data-testid="status"
      className={`rounded-lg border px-3 py-2 font-medium ${TONE_CLASSES[status.tone]}`}
    >
      {status.text}
    </p>
  );
  const training = classState ? (
    <>
      {isStatusOnTop ? null : statusLine}
      {isCellGateClosed ? (
        <p className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2" data-testid="cell-gate">
          Free training unlocks when you pass cell {FORWARD_PASS_CELL} (the forward pass): your teacher asked for it.
        </p>
      ) : null}
      <TrainingControls
        isRunning={isRunning}
        isTrainingBlocked={isTrainingBlocked}
        canStep={view?.phase !== "completed" && view?.phase !== "diverged"}
        canReset={view !== null}
        speed={session.speed}
        onTrain={session.train}
        onPause={session.pause}
        onStep={session.step}
        onReset={session.reset}
        onSpeed={session.setSpeed}
      />
      <TrainingPanel
        view={runView ?? untrained?.view ?? null}
        config={runViewConfig ?? (runView ? null : (untrained?.config ?? null))}
        settings={classState.settings}
        edits={session.edits}
        canEdit={classState.settings.allowPointEdits && (view?.phase === "running" || view?.phase === "paused")}
        onEdit={session.editPoint}
      />
      {choice ? (
        <section className="card">
          <HyperParamsForm choice={choice} unlocked={classState.settings.unlocked} onChange={changeChoice} />
          <p className="mt-3 text-sm text-slate-600">
            Changes take effect on your next run: press Train when the run is paused or over.
          </p>
        </section>
      ) : null}
    </>
  ) : null;

  if (session.waiting && !classState && connection.phase !== "closed") {
    return <WaitingView waiting={session.waiting} isOffline={connection.phase === "offline"} />;
  }

  return (
    <div className="space-y-6" data-longest-task-ms={longestTaskMs} data-testid="play-root">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold break-words">{classState?.title ?? "Your class"}</h1>
          <p className="text-slate-700">
            Training as{" "}
            <strong data-testid="nickname">{classState?.participant.nickname ?? participant.nickname}</strong> · class{" "}
            <span className="font-mono">{code}</span>
          </p>
        </div>
      </header>

      {isStatusOnTop ? statusLine : null}
      {classState?.group && !isClosed ? <GroupNote group={classState.group} /> : null}
      {notice ? (
        <p className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm" data-testid="notice">
          {notice}
        </p>
      ) : null}
      {session.trainerError ? (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm">
          {session.trainerError}
        </p>
      ) : null}
      {isClosed ? (
        <p className="flex flex-wrap gap-x-4 gap-y-2">
          {/* Never let in (the class ended while waiting): there is nothing to keep. */}
          {isEnded && !session.waiting ? (
            <Link href={`/keep/${code}`} className="btn-primary">
              Your runs and weights to keep
            </Link>
          ) : null}
          <Link href="/" className="underline">
            Back to the start page
          </Link>
        </p>
      ) : null}

      {classState?.lesson ? (
        <LessonStepper lesson={classState.lesson} isBusy={isMoving || connection.phase !== "connected"} onGo={goToStep}>
          {lessonCell !== null ? (
            <CellStep cell={lessonCell} cells={cells} settings={classState.settings} />
          ) : (
            <div className="space-y-6">{training}</div>
          )}
        </LessonStepper>
      ) : classState ? (
        <PlaySteps
          initialStep={isCellGateClosed ? 1 : "free"}
          results={cells.results}
          renderCell={(cell) => <CellStep cell={cell} cells={cells} settings={classState.settings} />}
        >
          {training}
        </PlaySteps>
      ) : null}
    </div>
  );
}
