/**
 * A class of bots: joins them a few at a time (a lecture hall does not join in one millisecond
 * either), lets them train for a while, then stops them all.
 */
import type { SimulateArgs } from "./args";
import { type Bot, createBot } from "./bot";
import type { BotEvent } from "./bot-events";
import { type ClassStats, createClassTally } from "./class-stats";
import { createTrajectoryCache } from "./shared-trajectory";

/** Joins in flight at once: each is an HTTP request and a database transaction. */
const JOIN_CONCURRENCY = 8;

/** Options of {@link runSimulatedClass}. */
export type SimulatedClassOptions = {
  /** Every bot event, e.g. for latency probes. Must not throw. */
  onEvent?: (bot: Bot, event: BotEvent) => void;
  log?: (message: string) => void;
  /** Stops the class early (Ctrl-C). */
  signal?: AbortSignal;
  /** Called every `statusIntervalMs` with the running totals. */
  onStatus?: (stats: ClassStats) => void;
  statusIntervalMs?: number;
};

/** The bots of a class, for callers that drive them themselves (tests). */
export type SimulatedClass = {
  bots: Bot[];
  /** Resolves when every bot joined (or failed to). */
  joined: Promise<void>;
  stats(): ClassStats;
  stop(): void;
};

/**
 * Starts `args.students` bots named "<name> <first>"… and returns at once.
 *
 * @example const simulated = startSimulatedClass(args); await simulated.joined; … simulated.stop();
 */
export function startSimulatedClass(args: SimulateArgs, options: SimulatedClassOptions = {}): SimulatedClass {
  const log = options.log ?? (() => {});
  const tally = createClassTally();
  const bots: Bot[] = [];
  const trajectories = args.sharedTraining ? createTrajectoryCache() : undefined;
  for (let i = 0; i < args.students; i++) {
    const number = args.first + i;
    const bot: Bot = createBot({
      url: args.url,
      code: args.code,
      nickname: `${args.name} ${number}`,
      speed: args.speed,
      choice: args.varySeeds ? { initSeed: number } : {},
      trajectories,
      onEvent: (event) => {
        tally.record(event);
        options.onEvent?.(bot, event);
      },
    });
    bots.push(bot);
  }
  let next = 0;
  let isStopped = false;
  async function worker(): Promise<void> {
    while (!isStopped && next < bots.length) {
      const bot = bots[next++];
      try {
        await bot?.start();
      } catch (error) {
        log(error instanceof Error ? error.message : String(error));
      }
    }
  }
  const joined = Promise.all(Array.from({ length: Math.min(JOIN_CONCURRENCY, bots.length) }, worker)).then(() => {});
  return {
    bots,
    joined,
    stats: tally.snapshot,
    stop() {
      isStopped = true;
      for (const bot of bots) bot.stop();
    },
  };
}

/**
 * Runs a class for `args.duration` seconds (or until `signal` aborts) and returns the totals.
 *
 * @example const stats = await runSimulatedClass(args, { onStatus: (s) => console.log(formatStats(s)) });
 */
export async function runSimulatedClass(args: SimulateArgs, options: SimulatedClassOptions = {}): Promise<ClassStats> {
  const simulated = startSimulatedClass(args, options);
  const status = options.onStatus;
  const statusTimer = status ? setInterval(() => status(simulated.stats()), options.statusIntervalMs ?? 5_000) : null;
  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) return resolve();
    options.signal?.addEventListener("abort", () => resolve(), { once: true });
    if (args.duration !== undefined) setTimeout(resolve, args.duration * 1000);
    // Nobody could join (wrong code or URL): nothing to wait for.
    void simulated.joined.then(() => {
      if (simulated.stats().joined === 0) resolve();
    });
  });
  if (statusTimer) clearInterval(statusTimer);
  simulated.stop();
  return simulated.stats();
}
