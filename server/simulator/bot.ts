/**
 * One simulated student: joins by code, connects with its participant token, and trains with
 * lib/training's loop (the same code as the browser's Worker), so it paces, throttles and reports
 * exactly as a browser does. It obeys class controls: pause, start, reset, removed, ended.
 */
import { performance } from "node:perf_hooks";
import { io } from "socket.io-client";
import type { StudentChoice } from "../../lib/classroom/settings";
import {
  ERROR_CODE,
  type ProgressUpdate,
  type RunFinish,
  STUDENT_CONTROL,
  type StudentControl,
  type StudentControlState,
} from "../../lib/protocol";
import {
  createStudentClient,
  type StudentClient,
  type StudentClientEvent,
  type StudentSocketIo,
  socketIoPort,
  studentSocketOptions,
} from "../../lib/student-client";
import { createTrainingLoop, type Schedule, type Speed, type TrainingLoop } from "../../lib/training";
import type { BotEvent } from "./bot-events";
import { type JoinedParticipant, joinClassOverHttp } from "./join-bot";
import { createReplayDriver, type TrajectoryCache } from "./shared-trajectory";

/** A student looks at the result before training again: also keeps 300 bots off one core. */
export const DEFAULT_RESTART_PAUSE_MS = 4_000;
/** After a refused run:start (the client's own resends spent), press Train again this much later. */
const RUN_START_RETRY_MS = 1_000;

/** Options of {@link createBot}. */
export type BotOptions = {
  url: string;
  code: string;
  nickname: string;
  speed: Speed;
  /** Hyper-parameters asked for at run:start; the server applies only unlocked ones. */
  choice?: StudentChoice;
  restartPauseMs?: number;
  /**
   * Bots with the same config replay one shared run from this cache instead of each training
   * its own (same curve, same messages; see shared-trajectory.ts). Unset: each bot trains.
   */
  trajectories?: TrajectoryCache;
  /** Everything the bot does, for statistics and latency probes. Must not throw. */
  onEvent?: (event: BotEvent) => void;
  /** Joins over HTTP by default; tests may inject. */
  join?: (url: string, code: string, nickname: string) => Promise<JoinedParticipant>;
};

/** What a bot is doing, for status lines and tests. */
export type BotStatus = {
  isPaused: boolean;
  isStopped: boolean;
  isTraining: boolean;
  runId: string | null;
  step: number;
};

/** A running bot. */
export type Bot = {
  readonly participant: JoinedParticipant | null;
  readonly status: BotStatus;
  /** Joins and connects; resolves once the class state arrived. Rejects on a refused join or connection. */
  start(): Promise<void>;
  /** Stops training and closes the socket. Idempotent. */
  stop(): void;
};

const schedule: Schedule = (callback, delayMs) => {
  if (delayMs <= 0) {
    const handle = setImmediate(callback);
    return () => clearImmediate(handle);
  }
  const handle = setTimeout(callback, delayMs);
  return () => clearTimeout(handle);
};

/**
 * @example
 * const bot = createBot({ url, code: "ABC234", nickname: "Bot 1", speed: "default" });
 * await bot.start(); … bot.stop();
 */
export function createBot(options: BotOptions): Bot {
  const { url, code, nickname, speed, choice = {}, restartPauseMs = DEFAULT_RESTART_PAUSE_MS } = options;
  const emit = (event: BotEvent) => options.onEvent?.(event);
  const join = options.join ?? joinClassOverHttp;
  let participant: JoinedParticipant | null = null;
  let client: StudentClient | null = null;
  let loop: TrainingLoop | null = null;
  let isPaused = false;
  let isStopped = false;
  let isStarting = false;
  let hasConnected = false;
  let generation = 0;
  let cancelRestart: (() => void) | null = null;
  /** Set while start() waits for the first session:state: a failed first connection rejects it. */
  let onFirstRefusal: ((message: string, code: string) => void) | null = null;

  function stop(reason = "stopped"): void {
    if (isStopped) return;
    isStopped = true;
    cancelRestart?.();
    loop?.pause();
    loop = null;
    const wasConnected = hasConnected;
    client?.close();
    emit({ type: "stopped", reason, wasConnected });
  }

  function later(delayMs: number): void {
    cancelRestart?.();
    cancelRestart = schedule(() => {
      cancelRestart = null;
      void startRun();
    }, delayMs);
  }

  function discardRun(): void {
    loop?.pause();
    loop = null;
  }

  async function startRun(): Promise<void> {
    if (isStopped || isPaused || isStarting || loop || !client) return;
    isStarting = true;
    try {
      const answer = await client.startRun(choice);
      if (!answer.ok) {
        // Offline or unanswered: session:state after the reconnect starts us again.
        if (client.getSnapshot().connection.phase !== "connected") return;
        if (answer.error.code === ERROR_CODE.classPaused) isPaused = true;
        else if (answer.error.code === ERROR_CODE.classEnded) stop("ended");
        else later(RUN_START_RETRY_MS);
        return;
      }
      const { runId, config } = answer;
      // A reset overtook the start: this run is already void on the server.
      if (answer.generation < generation || isPaused || isStopped) return later(0);
      const loopOptions = {
        runId,
        speed,
        now: () => performance.now(),
        schedule,
        onProgress: (update: ProgressUpdate) => sendProgress(update),
        onFinish: (finish: RunFinish) => void sendFinish(finish),
      };
      const shared = options.trajectories;
      // Shared training: every bot with this config replays one run trained once (same messages).
      const driver = shared ? createReplayDriver(shared.get(config)) : undefined;
      loop = createTrainingLoop({ ...loopOptions, config, driver });
      emit({ type: "runStarted", runId, steps: config.steps });
      loop.start();
    } finally {
      isStarting = false;
    }
  }

  function sendProgress(update: ProgressUpdate): void {
    // Volatile: a dropped update is fine, run:finish carries the whole curve.
    if (!client?.sendProgress(update)) return;
    emit({
      type: "progressSent",
      runId: update.runId,
      step: update.step,
      hasMap: update.map !== undefined,
      sentAt: Date.now(),
    });
  }

  /** The client keeps and resends the finish until it is stored; the bot waits for that, then trains again. */
  async function sendFinish(finish: RunFinish): Promise<void> {
    const finished = loop;
    const answer = await client?.finishRun(finish);
    if (answer?.ok) emit({ type: "runFinished", runId: finish.runId, outcome: finish.outcome, step: finish.step });
    if (loop === finished) loop = null;
    if (!isStopped && !isPaused) later(restartPauseMs);
  }

  /**
   * After a reconnect, the whole curve so far: the points trained offline, or all of them for a
   * restarted server. A refusal (stale run after a reset) is left to session:state.
   */
  async function sendResume(current: TrainingLoop): Promise<void> {
    const resume = current.resume();
    if (!resume || !client) return;
    const answer = await client.resumeRun(resume);
    if (answer?.ok) emit({ type: "resumed", runId: resume.runId, points: resume.curve.length });
  }

  function applyState(state: StudentControlState, isReconnect: boolean): void {
    generation = Math.max(generation, state.generation);
    isPaused = state.isPaused;
    if (state.isEnded) {
      stop("ended");
      return;
    }
    // The server no longer has our run (reset while we were away, or we are new): start afresh.
    if (loop && state.run?.runId !== loop.runId && !loop.isFinished) discardRun();
    else if (loop && isReconnect && !loop.isFinished) void sendResume(loop);
    if (isPaused) {
      cancelRestart?.();
      loop?.pause();
      return;
    }
    if (loop && !loop.isFinished) loop.start();
    else if (!loop) void startRun();
  }

  function applyControl(control: StudentControl): void {
    emit({ type: "control", control: control.type });
    if (control.type === STUDENT_CONTROL.removed) {
      stop("removed");
      return;
    }
    if (control.type === STUDENT_CONTROL.reset) discardRun();
    applyState(control.state, false);
  }

  /** The client's doings as bot events; its refusals as "refused" (an unanswered ack as TIMEOUT). */
  function onClientEvent(event: StudentClientEvent): void {
    switch (event.type) {
      case "reconnected":
        emit({ type: "reconnected" });
        return;
      case "disconnected":
        emit({ type: "disconnected", reason: event.reason });
        return;
      case "connectFailed":
        onFirstRefusal?.(event.error?.message ?? event.message, event.error?.code ?? "connect_error");
        return;
      case "answered": {
        if (event.answer.ok) return;
        const code = event.isAnswered ? event.answer.error.code : "TIMEOUT";
        emit({ type: "refused", event: event.event, code, message: event.answer.error.message });
        return;
      }
    }
  }

  return {
    get participant() {
      return participant;
    },
    get status() {
      return {
        isPaused,
        isStopped,
        isTraining: loop?.isRunning ?? false,
        runId: loop?.runId ?? null,
        step: loop?.driver.step ?? 0,
      };
    },
    async start() {
      participant = await join(url, code, nickname);
      emit({ type: "joined", participantId: participant.participantId, nickname: participant.nickname });
      const socket: StudentSocketIo = io(url, {
        path: "/socket.io",
        // Browsers upgrade to a websocket within a second; bots start there.
        transports: ["websocket"],
        ...studentSocketOptions(participant.token),
      });
      const started = new Promise<void>((resolve, reject) => {
        let isFirst = true;
        // Only the first connection decides start(); after it, the client reconnects by itself.
        onFirstRefusal = (message, refusal) => {
          onFirstRefusal = null;
          stop(refusal);
          reject(new Error(`${nickname} could not connect: ${message}`));
        };
        client = createStudentClient({
          socket: socketIoPort(socket),
          schedule,
          onEvent: onClientEvent,
          onState: (state, isReconnect) => {
            if (isFirst) {
              isFirst = false;
              onFirstRefusal = null;
              hasConnected = true;
              resolve();
            }
            applyState(state, isReconnect);
          },
          onControl: applyControl,
          // A teacher's snapshot asks once for the run's weights now (a shared replay has none mid-run).
          currentWeights: () => {
            const weights = loop?.driver.weights() ?? null;
            return loop && weights ? { runId: loop.runId, step: loop.driver.step, weights } : null;
          },
          onRefused: (error) => {
            emit({ type: "refused", event: error.event ?? "?", code: error.code, message: error.message });
            // Our run was reset or replaced behind our back: drop it and ask for a new one.
            if (error.code === ERROR_CODE.staleRun && loop && !loop.isFinished) {
              discardRun();
              void startRun();
            }
          },
        });
      });
      client?.start();
      await started;
      // A final refusal after the first connection (removed, ended) closed the client: stop too.
      watchClosed();
      emit({ type: "connected" });
    },
    stop: () => stop(),
  };

  function watchClosed(): void {
    client?.subscribe(() => {
      const connection = client?.getSnapshot().connection;
      if (connection?.phase === "closed") stop(connection.error.code);
    });
  }
}
