/** What a bot reports about itself, for the simulator's status line and the load test's latency probes. */

/** One thing a bot did or was told. */
export type BotEvent =
  | { type: "joined"; participantId: string; nickname: string }
  | { type: "connected" }
  | { type: "disconnected"; reason: string }
  | { type: "reconnected" }
  | { type: "runStarted"; runId: string; steps: number }
  /** `sentAt` is wall-clock ms (Date.now), comparable across processes on one machine. */
  | { type: "progressSent"; runId: string; step: number; hasMap: boolean; sentAt: number }
  /** A progress:resume after a reconnect was accepted: the run's whole curve so far, `points` long. */
  | { type: "resumed"; runId: string; points: number }
  | { type: "runFinished"; runId: string; outcome: string; step: number }
  | { type: "control"; control: string }
  /** The server refused something (a failed ack or an `error` event), or an ack timed out. */
  | { type: "refused"; event: string; code: string; message: string }
  /** `wasConnected`: the bot had connected (so it leaves the class), rather than failing to join. */
  | { type: "stopped"; reason: string; wasConnected: boolean };
