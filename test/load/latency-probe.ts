/**
 * Teacher-side latency without a timestamp in the protocol: a few probe bots in this process
 * note when they send each progress:update (wall clock), and a teacher socket in this process
 * notes when a frame first shows that participant at that step or later. Latency = receive − send,
 * including the wait for the next 100 ms tick — what the teacher actually sees.
 */
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION, ROLE, type TeacherFrameWire } from "../../lib/protocol";
import type { Speed } from "../../lib/training";
import { startSimulatedClass } from "../../server/simulator/run-simulated-class";

/** Sends kept per probe before the oldest are dropped (a probe whose tile never updates). */
const MAX_PENDING_PER_PROBE = 1000;

/** The probe: call `sent` from the probe bots, read `latencies` at the end. */
export type LatencyProbe = {
  sent(participantId: string, step: number, sentAt: number): void;
  /** The server refused the latest update (rate limit): it never reaches the teacher, no sample. */
  refused(participantId: string): void;
  /** Milliseconds, one per progress update that reached the teacher. */
  readonly latencies: number[];
  /** Participants the teacher's frames counted, from the latest frame. */
  readonly total: number;
  /** Frames received, and why the socket last disconnected (for diagnosis). */
  readonly frames: number;
  readonly lastDisconnect: string | null;
  close(): void;
};

/** Connects a teacher socket to `classId` with the teacher's cookie; resolves on its snapshot. */
export async function openLatencyProbe(url: string, classId: string, cookie: string): Promise<LatencyProbe> {
  const pending = new Map<string, { step: number; sentAt: number }[]>();
  const latencies: number[] = [];
  let total = 0;
  let frames = 0;
  let lastDisconnect: string | null = null;
  const socket: Socket = io(url, {
    path: "/socket.io",
    auth: { v: PROTOCOL_VERSION, role: ROLE.teacher, classId },
    transports: ["websocket"],
    extraHeaders: { cookie },
  });
  socket.on("teacher:frame", (frame: TeacherFrameWire) => {
    const receivedAt = Date.now();
    frames++;
    total = frame.counts.total;
    for (const delta of frame.participants) {
      const sends = pending.get(delta.id);
      if (!sends || delta.step === undefined) continue;
      while (sends.length > 0 && (sends[0]?.step ?? Number.POSITIVE_INFINITY) <= delta.step) {
        latencies.push(receivedAt - (sends.shift()?.sentAt ?? receivedAt));
      }
    }
  });
  socket.on("disconnect", (reason) => {
    lastDisconnect = reason;
  });
  socket.on("teacher:snapshot", (snapshot: { counts: { total: number } }) => {
    total = snapshot.counts.total;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("teacher:snapshot", (snapshot: { counts: { total: number } }) => {
      total = snapshot.counts.total;
      resolve();
    });
    socket.once("connect_error", (error) => reject(new Error(`Probe teacher could not connect: ${error.message}`)));
  });
  return {
    sent(participantId, step, sentAt) {
      const sends = pending.get(participantId) ?? [];
      // A new run starts again from step 0: older sends of the previous run can never match now.
      if ((sends[sends.length - 1]?.step ?? -1) >= step) sends.length = 0;
      sends.push({ step, sentAt });
      if (sends.length > MAX_PENDING_PER_PROBE) sends.shift();
      pending.set(participantId, sends);
    },
    refused(participantId) {
      pending.get(participantId)?.pop();
    },
    latencies,
    get total() {
      return total;
    },
    get frames() {
      return frames;
    },
    get lastDisconnect() {
      return lastDisconnect;
    },
    close: () => socket.disconnect(),
  };
}

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Options of {@link startProbeBots}. */
export type ProbeBotOptions = {
  url: string;
  code: string;
  students: number;
  speed: Speed;
  sharedTraining: boolean;
  log: (message: string) => void;
};

/**
 * The probe bots ("Probe 1"…) in this process: each progress update's send time goes to `probe`,
 * and a refused update is taken back (it never reaches the teacher, so it is no sample).
 */
export function startProbeBots(probe: LatencyProbe, options: ProbeBotOptions) {
  const { log, ...args } = options;
  return startSimulatedClass(
    { ...args, duration: undefined, varySeeds: false, first: 1, name: "Probe", statusEvery: 5 },
    {
      log,
      onEvent: (bot, event) => {
        const participantId = bot.participant?.participantId;
        if (!participantId) return;
        if (event.type === "progressSent") probe.sent(participantId, event.step, event.sentAt);
        if (event.type === "refused" && event.event === "progress:update") probe.refused(participantId);
      },
    },
  );
}
