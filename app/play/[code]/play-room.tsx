"use client";

import Link from "next/link";
import { useState } from "react";
import { CELL_NUMBERS, type CellNumber } from "@/lib/cells";
import { type CellResult, ERROR_CODE, FORWARD_PASS_CELL } from "@/lib/protocol";
import type { StoredParticipant } from "../../join/participant-store";
import { CellStep } from "./cells/cell-step";
import { PlaySteps } from "./cells/play-steps";
import { useCells } from "./cells/use-cells";
import { HyperParamsForm } from "./hyper-params-form";
import { LessonStepper } from "./lesson-stepper";
import { describeStatus } from "./status-line";
import { TrainingControls } from "./training-controls";
import { TrainingPanel } from "./training-panel";
import { useLongestTask } from "./use-longest-task";
import { useNetworkShare } from "./use-network-share";
import { usePlaySession } from "./use-play-session";

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
  const status = describeStatus(connection, classState, view, runConfig, unsavedFinishes);
  const isClosed = connection.phase === "closed" || classState?.isEnded === true;
  // Ended (not removed): the kept token opens the take-away.
  const isEnded =
    classState?.isEnded === true || (connection.phase === "closed" && connection.error.code === ERROR_CODE.classEnded);
  const isRunning = view?.phase === "running";
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

  const [isMoving, setIsMoving] = useState(false);
  const goToStep = (step: number) => {
    setIsMoving(true);
    void session.goToStep(step).finally(() => setIsMoving(false));
  };
  const lessonStep = classState?.lesson ? classState.lesson.steps[classState.lesson.step] : undefined;
  const lessonCell = lessonStep?.kind === "cell" ? toCellNumber(lessonStep.cell) : null;
  const training = classState ? (
    <>
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
        view={view}
        config={runConfig}
        settings={classState.settings}
        edits={session.edits}
        canEdit={classState.settings.allowPointEdits && (view?.phase === "running" || view?.phase === "paused")}
        onEdit={session.editPoint}
      />
      {choice ? (
        <section className="card">
          <HyperParamsForm choice={choice} unlocked={classState.settings.unlocked} onChange={session.setChoice} />
          <p className="mt-3 text-sm text-slate-600">
            Changes take effect on your next run: press Train when the run is paused or over.
          </p>
        </section>
      ) : null}
    </>
  ) : null;

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

      <p
        role="status"
        data-testid="status"
        className={`rounded-lg border px-3 py-2 font-medium ${TONE_CLASSES[status.tone]}`}
      >
        {status.text}
      </p>
      {session.notice ? (
        <p className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm">{session.notice}</p>
      ) : null}
      {session.trainerError ? (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm">
          {session.trainerError}
        </p>
      ) : null}
      {isClosed ? (
        <p className="flex flex-wrap gap-x-4 gap-y-2">
          {isEnded ? (
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
