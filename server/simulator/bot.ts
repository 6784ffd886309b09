/**
 * One simulated student: joins by code, connects with its participant token, and trains with
 * lib/training's loop (the same code as the browser's Worker), so it paces, throttles and reports
 * exactly as a browser does. It obeys class controls: pause, start, reset, removed, ended.
 */
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { StudentChoice } from "../../lib/classroom/settings";
import {
  ERROR_CODE,
  PROTOCOL_VERSION,
  type ProgressUpdate,
  progressResumeAckSchema,
  protocolErrorSchema,
  RECONNECT_DELAY_MAX_MS,
  RECONNECT_OPTIONS,
  ROLE,
  type RunFinish,
  runFinishAckSchema,
  runStartAckSchema,
  STUDENT_CONTROL,
  type StudentClassState,
  type StudentClientToServerEvents,
  type StudentServerToClientEvents,
  studentClassStateSchema,
  studentControlSchema,
} from "../../lib/protocol";
import { createTrainingLoop, type Schedule, type Speed, type TrainingLoop } from "../../lib/training";
import type { BotEvent } from "./bot-events";
import { type JoinedParticipant, joinClassOverHttp } from "./join-bot";
import { createReplayDriver, type TrajectoryCache } from "./shared-trajectory";

/** A reliable message unanswered this long is resent (socket.io buffers it over a reconnect). */
const ACK_TIMEOUT_MS = 10_000;
/** run:finish is the run's only complete curve: resend it this many times before giving up. */
const FINISH_ATTEMPTS = 5;
/** A student looks at the result before training again: also keeps 300 bots off one core. */
export const DEFAULT_RESTART_PAUSE_MS = 4_000;
/** After a refused run:start (rate limit, server hiccup) try again this much later. */
const RUN_START_RETRY_MS = 1_000;
/** After a refused connection for a passing reason (server restarting, database hiccup), try again this much later. */
const RETRY_CONNECT_MS = RECONNECT_DELAY_MAX_MS;
/** Refusals that will not change by retrying: the bot stops. */
const FINAL_CODES: ReadonlySet<string> = new Set([
  ERROR_CODE.notFound,
  ERROR_CODE.removed,
  ERROR_CODE.classEnded,
  ERROR_CODE.versionMismatch,
  ERROR_CODE.invalidPayload,
]);

type StudentSocket = Socket<StudentServerToClientEvents, StudentClientToServerEvents>;

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
  let socket: StudentSocket | null = null;
  let loop: TrainingLoop | null = null;
  let isPaused = false;
  let isStopped = false;
  let isStarting = false;
  let hasConnected = false;
  let generation = 0;
  let cancelRestart: (() => void) | null = null;
  let cancelReconnect: (() => void) | null = null;

  function stop(reason = "stopped"): void {
    if (isStopped) return;
    isStopped = true;
    cancelRestart?.();
    cancelReconnect?.();
    loop?.pause();
    loop = null;
    const wasConnected = hasConnected;
    socket?.disconnect();
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
    if (isStopped || isPaused || isStarting || loop || !socket) return;
    isStarting = true;
    try {
      const answer = runStartAckSchema.safeParse(
        await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("run:start", { choice }),
      );
      if (!answer.success) return later(RUN_START_RETRY_MS);
      if (!answer.data.ok) {
        const { error } = answer.data;
        emit({ type: "refused", event: "run:start", code: error.code, message: error.message });
        if (error.code === ERROR_CODE.classPaused) isPaused = true;
        else if (error.code === ERROR_CODE.classEnded) stop("ended");
        else later(RUN_START_RETRY_MS);
        return;
      }
      const { runId, config } = answer.data;
      // A reset overtook the start: this run is already void on the server.
      if (answer.data.generation < generation || isPaused || isStopped) return later(0);
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
    } catch {
      // Ack timeout: the connection is down; session:state after the reconnect restarts us.
      emit({ type: "refused", event: "run:start", code: "TIMEOUT", message: "run:start unanswered" });
    } finally {
      isStarting = false;
    }
  }

  function sendProgress(update: ProgressUpdate): void {
    if (!socket?.connected) return;
    // Volatile: a dropped update is fine, run:finish carries the whole curve.
    socket.volatile.emit("progress:update", update);
    emit({
      type: "progressSent",
      runId: update.runId,
      step: update.step,
      hasMap: update.map !== undefined,
      sentAt: Date.now(),
    });
  }

  async function sendFinish(finish: RunFinish): Promise<void> {
    const finished = loop;
    for (let attempt = 0; attempt < FINISH_ATTEMPTS && !isStopped && socket; attempt++) {
      try {
        const answer = runFinishAckSchema.safeParse(
          await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("run:finish", finish),
        );
        if (answer.success && !answer.data.ok) {
          emit({
            type: "refused",
            event: "run:finish",
            code: answer.data.error.code,
            message: answer.data.error.message,
          });
        } else if (answer.success) {
          emit({ type: "runFinished", runId: finish.runId, outcome: finish.outcome, step: finish.step });
        }
        break;
      } catch {
        // Timed out (disconnected): socket.io resends buffered messages after the reconnect.
      }
    }
    if (loop === finished) loop = null;
    if (!isStopped && !isPaused) later(restartPauseMs);
  }

  /**
   * After a reconnect, the whole curve so far: the points trained offline, or all of them for a
   * restarted server. Acked; a refusal (stale run after a reset) is left to session:state.
   */
  async function sendResume(current: TrainingLoop): Promise<void> {
    const resume = current.resume();
    if (!resume || !socket) return;
    try {
      const answer = progressResumeAckSchema.safeParse(
        await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("progress:resume", resume),
      );
      if (answer.success && !answer.data.ok) {
        const { code, message } = answer.data.error;
        emit({ type: "refused", event: "progress:resume", code, message });
      } else if (answer.success) emit({ type: "resumed", runId: resume.runId, points: resume.curve.length });
    } catch {
      // Unanswered: the connection dropped again; the next session:state sends a fresh one.
    }
  }

  function applyState(state: StudentClassState, isReconnect: boolean): void {
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

  function listen(client: StudentSocket): void {
    client.on("session:state", (payload) => {
      const state = studentClassStateSchema.safeParse(payload);
      if (state.success) applyState(state.data, hasConnected);
    });
    client.on("student:control", (payload) => {
      const control = studentControlSchema.safeParse(payload);
      if (!control.success) return;
      const message = control.data;
      emit({ type: "control", control: message.type });
      if (message.type === STUDENT_CONTROL.removed) stop("removed");
      else {
        if (message.type === STUDENT_CONTROL.reset) discardRun();
        applyState(message.state, false);
      }
    });
    client.on("error", (payload) => {
      const error = protocolErrorSchema.safeParse(payload);
      if (!error.success) return;
      emit({ type: "refused", event: error.data.event ?? "?", code: error.data.code, message: error.data.message });
      // Our run was reset or replaced behind our back: drop it and ask for a new one.
      if (error.data.code === ERROR_CODE.staleRun && loop && !loop.isFinished) {
        discardRun();
        void startRun();
      }
    });
    client.on("disconnect", (reason) => {
      emit({ type: "disconnected", reason });
      // The server closed us without a reason we know of: socket.io will not reconnect by itself.
      if (reason === "io server disconnect") reconnectLater(client);
    });
    client.on("connect_error", (error: Error & { data?: unknown }) => {
      // Before the first session:state, start() decides; after it, only a final refusal stops us.
      if (!hasConnected) return;
      const data = protocolErrorSchema.safeParse(error.data);
      if (data.success && FINAL_CODES.has(data.data.code)) return stop(data.data.code);
      // A transport error is retried by socket.io; a middleware refusal (say INTERNAL while the
      // restarted server's database wakes up) is not, so retry that by hand.
      if (!client.active) reconnectLater(client);
    });
    client.io.on("reconnect", () => emit({ type: "reconnected" }));
  }

  function reconnectLater(client: StudentSocket): void {
    if (isStopped || cancelReconnect) return;
    cancelReconnect = schedule(() => {
      cancelReconnect = null;
      if (!isStopped && !client.connected) client.connect();
    }, RETRY_CONNECT_MS);
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
      const client: StudentSocket = io(url, {
        path: "/socket.io",
        auth: { v: PROTOCOL_VERSION, role: ROLE.student, token: participant.token },
        // Browsers upgrade to a websocket within a second; bots start there.
        transports: ["websocket"],
        ...RECONNECT_OPTIONS,
      });
      socket = client;
      listen(client);
      await new Promise<void>((resolve, reject) => {
        // Armed for the first connection only: left armed, a restart's connect_error would stop the bot.
        const refuse = (error: Error & { data?: unknown }) => {
          client.off("session:state", accept);
          const data = protocolErrorSchema.safeParse(error.data);
          stop(data.success ? data.data.code : "connect_error");
          reject(new Error(`${nickname} could not connect: ${data.success ? data.data.message : error.message}`));
        };
        const accept = () => {
          client.off("connect_error", refuse);
          resolve();
        };
        client.once("session:state", accept);
        client.once("connect_error", refuse);
      });
      hasConnected = true;
      emit({ type: "connected" });
    },
    stop: () => stop(),
  };
}
