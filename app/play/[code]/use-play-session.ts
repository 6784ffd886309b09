"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { restoreChoice } from "@/lib/classroom/restore-choice";
import { HYPER_PARAM_KEYS, type HyperParams, type RunConfig } from "@/lib/classroom/settings";
import {
  type Ack,
  type CellCheck,
  type CellResult,
  ERROR_CODE,
  type NetworkWeights,
  type ProtocolError,
  STUDENT_CONTROL,
  type StudentClassState,
  type StudentControl,
  type StudentWaiting,
  withControlState,
} from "@/lib/protocol";
import type { PointEdit, PointEditRequest, Speed } from "@/lib/training";
import { forgetParticipant } from "../../join/participant-store";
import { loadFormDraft } from "./form-draft";
import { loadRunMark, saveRunMark } from "./run-mark";
import { type Connection, useClassSocket } from "./use-class-socket";
import { useTrainer } from "./use-trainer";
import type { TrainingView } from "./worker-protocol";

const RESET_NOTICE = "Your teacher reset the class: everyone starts again.";

/** Everything the student page renders and the actions its buttons call. */
export type PlaySession = {
  connection: Connection;
  /** Approval mode: set while the teacher has not let this student in yet. */
  waiting: StudentWaiting | null;
  /** Finished runs the server could not store yet (database outage): kept and re-sent. */
  unsavedFinishes: number;
  classState: StudentClassState | null;
  /** The current run's config (the server's), or null before the first run. */
  runConfig: RunConfig | null;
  view: TrainingView | null;
  choice: HyperParams | null;
  speed: Speed;
  /** A one-line message for the student (interrupted run, refused start, teacher reset…). */
  notice: string | null;
  isStarting: boolean;
  trainerError: string | null;
  setChoice(choice: HyperParams): void;
  setSpeed(speed: Speed): void;
  train(): void;
  pause(): void;
  step(): void;
  reset(): void;
  /** Reports a chapter cell's check (cell:check). */
  checkCell(check: CellCheck): Promise<Ack<{ result: CellResult }>>;
  /** Moves to another lesson step within the allowed range; a refusal becomes the notice. */
  goToStep(step: number): Promise<void>;
  /** The teacher watches this student's network; {@link sendNetwork} sends the weights then. */
  isWatched: boolean;
  sendNetwork(weights: NetworkWeights): void;
  /** The current run's point edits, in order (the map draws the edited points from them). */
  edits: readonly PointEdit[];
  /** Adds or removes a point now, if the teacher allows it and a run is on; training goes on. */
  editPoint(edit: PointEditRequest): void;
};

/**
 * The student's live run: the class socket and the training Worker, tied together. Server
 * controls (pause, start, reset, removed, ended) drive the Worker; the Worker's messages go to
 * the socket. A run always starts with run:start, and the server's config wins.
 */
export function usePlaySession(code: string, token: string): PlaySession {
  const [classState, setClassState] = useState<StudentClassState | null>(null);
  const [runConfig, setRunConfig] = useState<RunConfig | null>(null);
  const [choice, setChoice] = useState<HyperParams | null>(null);
  const [speed, setSpeedState] = useState<Speed>("default");
  const [notice, setNotice] = useState<string | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const runIdRef = useRef<string | null>(null);
  const generationRef = useRef<number | null>(null);
  const speedRef = useRef(speed);
  speedRef.current = speed;
  const choiceRef = useRef(choice);
  choiceRef.current = choice;
  /**
   * Sets the form's choice and the ref beginRun reads at once: a reset starts the next run in the
   * same tick, before a re-render would update the ref (it used to start with the old settings).
   */
  const resetChoice = useCallback((next: HyperParams) => {
    choiceRef.current = next;
    setChoice(next);
  }, []);
  const isStartingRef = useRef(false);
  const [edits, setEdits] = useState<readonly PointEdit[]>([]);

  const socketRef = useRef<ReturnType<typeof useClassSocket> | null>(null);
  const trainer = useTrainer({
    onProgress: (update) => socketRef.current?.sendProgress(update),
    onFinish: (finish) => socketRef.current?.finishRun(finish),
    onResume: (resume) => socketRef.current?.resumeRun(resume),
    onEdited: (runId, edit) => {
      if (runId !== runIdRef.current) return;
      setEdits((previous) => [...previous, edit]);
      void socketRef.current?.editRun({ runId, edit }).then((answer) => {
        if (!answer.ok) setNotice(`Your point was not saved: ${answer.error.message}`);
      });
    },
  });
  const trainerRef = useRef(trainer);
  trainerRef.current = trainer;

  /**
   * Finishes the current run (if any), asks the server for a new one, hands it to the Worker.
   * `notice` replaces the page's notice once the run started (null clears it).
   */
  const beginRun = useCallback(async (isAutoStart: boolean, notice: string | null = null): Promise<boolean> => {
    if (isStartingRef.current) return false;
    isStartingRef.current = true;
    setIsStarting(true);
    try {
      await trainerRef.current.stop();
      // A rate-limited or not-yet-stored start is resent by the client (lib/student-client's policy).
      const answer = await socketRef.current?.startRun(choiceRef.current ?? {});
      if (!answer) return false;
      if (!answer.ok) {
        setNotice(answer.error.message);
        return false;
      }
      runIdRef.current = answer.runId;
      setEdits([]);
      generationRef.current = answer.generation;
      setRunConfig(answer.config);
      setNotice(notice);
      trainerRef.current.start(answer.runId, answer.config, speedRef.current, isAutoStart);
      return true;
    } finally {
      isStartingRef.current = false;
      setIsStarting(false);
    }
  }, []);

  const dropLocalRun = useCallback(() => {
    trainerRef.current.discard();
    runIdRef.current = null;
  }, []);

  /**
   * A reload lost the Worker; the server still has the run. If this browser saved where the run
   * was, rebuild it (training is deterministic) and continue; else say so and let the student
   * start a new run.
   */
  const resumeAfterReload = useCallback(
    (state: StudentClassState) => {
      const run = state.run;
      const mark = loadRunMark(code);
      if (!run || mark?.runId !== run.runId) {
        setNotice("Your previous run was interrupted when the page reloaded. Press Train to start a new run.");
        return;
      }
      runIdRef.current = run.runId;
      setEdits(run.edits);
      setRunConfig(run.config);
      // The form shows the run's own hyper-parameters, so Train after a pause resumes this run, unless
      // the student had typed an edit not trained yet: it is kept, and Train then starts a new run.
      const draft = loadFormDraft(code, state.participant.id, state.generation, state.lesson?.step ?? null);
      setChoice(restoreChoice(state.settings, { draft, lastRun: run.config }));
      setSpeedState(mark.speed);
      speedRef.current = mark.speed;
      trainerRef.current.start(
        run.runId,
        run.config,
        mark.speed,
        mark.isTraining && !state.isPaused,
        mark.step,
        run.edits,
      );
      setNotice(`Welcome back: your run continues from step ${mark.step.toLocaleString("en")}.`);
    },
    [code],
  );

  const onState = useCallback(
    (state: StudentClassState, isReconnect: boolean) => {
      setClassState(state);
      lessonStepRef.current = state.lesson?.step ?? null;
      // After a reload: the unsent edits this browser kept, else the last run's settings (the server's).
      const draft = loadFormDraft(code, state.participant.id, state.generation, state.lesson?.step ?? null);
      setChoice(
        (previous) => previous ?? restoreChoice(state.settings, { draft, lastRun: state.lastRun?.config ?? null }),
      );
      const isGenerationChanged = generationRef.current !== null && generationRef.current !== state.generation;
      generationRef.current = state.generation;
      if (state.isEnded) return dropLocalRun();
      const localRunId = runIdRef.current;
      const phase = trainerRef.current.view?.phase;
      const isLocalRunLive = localRunId !== null && (phase === "running" || phase === "paused");
      if (isLocalRunLive && state.run?.runId !== localRunId) {
        // The server no longer has our run: the class was reset while we were away.
        dropLocalRun();
        resetChoice(state.settings.defaults);
        if (isGenerationChanged && !state.isPaused) void beginRun(true, RESET_NOTICE);
        else setNotice("Your run ended while you were offline. Press Train to start a new one.");
        return;
      }
      if (state.isPaused && phase === "running") trainerRef.current.pause();
      // Back after being offline or a server restart: the server gets the whole curve so far.
      if (isReconnect && isLocalRunLive) trainerRef.current.resume();
      if (!isReconnect && state.run !== null && localRunId === null) resumeAfterReload(state);
    },
    [beginRun, code, dropLocalRun, resetChoice, resumeAfterReload],
  );

  const lessonStepRef = useRef<number | null>(null);
  /**
   * The state on a (maybe new) lesson step: a run the server stopped is dropped here too, and a
   * new step brings its own defaults. `by` says who moved: the teacher's move gets a notice.
   */
  const onStepState = useCallback(
    (state: StudentClassState, by: "teacher" | "student") => {
      setClassState(state);
      const step = state.lesson?.step ?? null;
      const isMoved = step !== lessonStepRef.current;
      lessonStepRef.current = step;
      if (runIdRef.current !== null && state.run?.runId !== runIdRef.current) dropLocalRun();
      if (!isMoved) return;
      setChoice(state.settings.defaults);
      const title = step === null ? "" : state.lesson?.steps[step]?.title;
      setNotice(by === "teacher" && step !== null ? `Your teacher moved you to step ${step + 1}: ${title}.` : null);
    },
    [dropLocalRun],
  );

  const onControl = useCallback(
    (control: StudentControl) => {
      if (control.type === STUDENT_CONTROL.removed) {
        dropLocalRun();
        forgetParticipant(code);
        return;
      }
      // A control leaves the last run out unless it changed it: the page keeps the one it drew.
      setClassState((previous) => withControlState(previous, control.state));
      generationRef.current = control.state.generation;
      const phase = trainerRef.current.view?.phase;
      switch (control.type) {
        case STUDENT_CONTROL.pause:
          trainerRef.current.pause();
          setNotice("Your teacher paused the class.");
          return;
        case STUDENT_CONTROL.start:
          setNotice(null);
          if (phase === "paused" && runIdRef.current !== null) trainerRef.current.train();
          else if (phase !== "running") void beginRun(true);
          return;
        case STUDENT_CONTROL.reset:
          dropLocalRun();
          resetChoice(control.state.settings.defaults);
          setNotice(RESET_NOTICE);
          if (!control.state.isPaused) void beginRun(true, RESET_NOTICE);
          return;
        case STUDENT_CONTROL.ended:
          dropLocalRun();
          return;
        case STUDENT_CONTROL.step:
          onStepState(withControlState(null, control.state), "teacher");
          return;
        case STUDENT_CONTROL.settings:
          // Only the switches changed (adding points): the run goes on.
          return;
      }
    },
    [beginRun, code, dropLocalRun, onStepState, resetChoice],
  );

  // A teacher's snapshot asks once for the weights the page shows now (the trainer's latest view).
  const currentWeights = useCallback((): NetworkWeights | null => {
    const latest = trainerRef.current.view;
    return latest?.weights ? { runId: latest.runId, step: latest.step, weights: latest.weights } : null;
  }, []);
  const socket = useClassSocket(token, { onState, onControl, currentWeights });
  socketRef.current = socket;
  const { connection } = socket;
  useEffect(() => {
    if (connection.phase === "closed") {
      trainerRef.current.discard();
      forgetOnFinalRefusal(code, connection.error);
    }
  }, [code, connection]);

  const view = trainer.view;
  useEffect(() => {
    if (!view || view.runId !== runIdRef.current) return;
    saveRunMark(code, {
      runId: view.runId,
      step: view.step,
      isTraining: view.phase === "running",
      speed: speedRef.current,
    });
  }, [code, view]);

  const isOwnRun = (view: TrainingView | null) => view !== null && view.runId === runIdRef.current;

  return {
    connection: socket.connection,
    waiting: socket.waiting,
    unsavedFinishes: socket.unsavedFinishes,
    classState,
    runConfig,
    view: trainer.view,
    choice,
    speed,
    notice,
    isStarting,
    trainerError: trainer.error,
    setChoice,
    setSpeed: (next: Speed) => {
      setSpeedState(next);
      trainer.setSpeed(next);
    },
    train: () => {
      // A paused run resumes, unless the student changed a hyper-parameter: then a new run starts.
      const isResumable =
        isOwnRun(trainer.view) && trainer.view?.phase === "paused" && !hasChoiceChanged(choice, runConfig);
      if (isResumable) trainer.train();
      else void beginRun(true);
    },
    pause: () => trainer.pause(),
    step: () => {
      if (isOwnRun(trainer.view) && trainer.view?.phase === "paused") trainer.step();
      else void beginRun(false).then((isStarted) => isStarted && trainerRef.current.step());
    },
    reset: () => void beginRun(false),
    checkCell: socket.checkCell,
    edits,
    editPoint: (edit: PointEditRequest) => {
      const phase = trainer.view?.phase;
      const isRunOn = isOwnRun(trainer.view) && (phase === "running" || phase === "paused");
      if (!isRunOn || classState?.settings.allowPointEdits !== true) return;
      trainer.edit(edit);
    },
    isWatched: socket.isWatched,
    sendNetwork: socket.sendNetwork,
    goToStep: async (step: number) => {
      const answer = await socket.moveToStep(step);
      if (answer.ok) onStepState(answer.state, "student");
      else setNotice(answer.error.message);
    },
  };
}

/** True when the student's choice differs from the run's config in any hyper-parameter. */
function hasChoiceChanged(choice: HyperParams | null, config: RunConfig | null): boolean {
  if (!choice || !config) return false;
  return HYPER_PARAM_KEYS.some((key) => choice[key] !== config[key]);
}

/**
 * A token the server will never accept again is forgotten, so /join offers a fresh join. An ended
 * class's token is kept: it still opens the student's take-away (/keep/[code]).
 */
function forgetOnFinalRefusal(code: string, error: ProtocolError): void {
  const isFinal =
    error.code === ERROR_CODE.notFound || error.code === ERROR_CODE.removed || error.code === ERROR_CODE.joinDenied;
  if (isFinal) forgetParticipant(code);
}
