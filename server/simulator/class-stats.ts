/** Counts of what a class of bots did, for the simulator's status line and summary. */
import type { BotEvent } from "./bot-events";

/** Totals since the class started. */
export type ClassStats = {
  joined: number;
  connected: number;
  /** Bots with a run in progress right now. */
  training: number;
  runsStarted: number;
  runsFinished: number;
  progressSent: number;
  mapsSent: number;
  disconnects: number;
  reconnects: number;
  stopped: number;
  /** Bots connected and not stopped. */
  online: number;
  /** Refusals by protocol error code (TIMEOUT for an unanswered ack). */
  refused: Record<string, number>;
  /** The same refusals by event and code ("progress:update RATE_LIMITED"): which traffic was refused. */
  refusedByEvent: Record<string, number>;
};

/** A mutable tally fed with bot events. */
export type ClassTally = { record(event: BotEvent): void; snapshot(): ClassStats };

/** @example const tally = createClassTally(); createBot({ …, onEvent: tally.record }); */
export function createClassTally(): ClassTally {
  const stats: ClassStats = {
    joined: 0,
    connected: 0,
    training: 0,
    runsStarted: 0,
    runsFinished: 0,
    progressSent: 0,
    mapsSent: 0,
    disconnects: 0,
    reconnects: 0,
    stopped: 0,
    online: 0,
    refused: {},
    refusedByEvent: {},
  };
  const active = new Set<string>();
  return {
    record(event) {
      switch (event.type) {
        case "joined":
          stats.joined++;
          break;
        case "connected":
          stats.connected++;
          stats.online++;
          break;
        case "disconnected":
          stats.disconnects++;
          break;
        case "reconnected":
          stats.reconnects++;
          break;
        case "runStarted":
          stats.runsStarted++;
          active.add(event.runId);
          break;
        case "progressSent":
          stats.progressSent++;
          if (event.hasMap) stats.mapsSent++;
          break;
        case "runFinished":
          stats.runsFinished++;
          active.delete(event.runId);
          break;
        case "control":
          // A reset or pause ends or freezes runs; the next runStarted/runFinished corrects the count.
          if (event.control === "reset" || event.control === "ended" || event.control === "removed") active.clear();
          break;
        case "refused":
          stats.refused[event.code] = (stats.refused[event.code] ?? 0) + 1;
          stats.refusedByEvent[`${event.event} ${event.code}`] =
            (stats.refusedByEvent[`${event.event} ${event.code}`] ?? 0) + 1;
          break;
        case "stopped":
          stats.stopped++;
          if (event.wasConnected) stats.online--;
          break;
      }
      stats.training = active.size;
    },
    snapshot: () => ({ ...stats, refused: { ...stats.refused }, refusedByEvent: { ...stats.refusedByEvent } }),
  };
}

/** One status line: "joined 30 · training 28 · runs 12/40 · progress 1,234 (maps 310) · refused 0". */
export function formatStats(stats: ClassStats): string {
  const refused = Object.entries(stats.refused);
  const refusedText = refused.length === 0 ? "0" : refused.map(([code, count]) => `${code} ${count}`).join(", ");
  return [
    `joined ${stats.joined}`,
    `online ${stats.online}`,
    `training ${stats.training}`,
    `runs finished ${stats.runsFinished}/${stats.runsStarted}`,
    `progress ${stats.progressSent} (maps ${stats.mapsSent})`,
    `reconnects ${stats.reconnects}`,
    `refused ${refusedText}`,
  ].join(" · ");
}
