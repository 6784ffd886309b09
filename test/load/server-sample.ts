/**
 * The server's processes over the measurement window: one `npm start` process, or a
 * `start:cluster` primary and its workers. CPU of each process alone (from /proc), peak and end
 * RSS, and each one's event loop from the LOOP lines the preloaded monitor prints with its pid.
 */
import { type LoopSummary, parseLoopSamples, summarizeLoopOf } from "./loop-stats";
import { childPids, memoryBytes, ownCpuSeconds, treeCpuSeconds } from "./proc-stats";

/** A cluster worker's script (start:cluster forks `npm start`'s server/index.ts). */
const WORKER_SCRIPT = "server/index.ts";

/** The server's processes: the lone server, or a cluster's primary then its workers. */
export async function serverPids(pid: number, isCluster: boolean): Promise<number[]> {
  return isCluster ? [pid, ...(await childPids(pid, WORKER_SCRIPT))] : [pid];
}

/** One server process's figures over the window. */
export type ServerProcessFigures = {
  pid: number;
  role: "server" | "primary" | "worker";
  cpuCores: number;
  peakRssBytes: number;
  rssStartBytes: number;
  rssEndBytes: number;
  loop: LoopSummary;
};

/** The whole server: every process, and the CPU of all of them together. */
export type ServerFigures = { processes: ServerProcessFigures[]; totalCpuCores: number };

/** A window being measured: call `finish` at its end, while the processes still run. */
export type ServerSample = {
  /** The pids measured (a cluster's primary first, then its workers). */
  pids: readonly number[];
  /** Processes measured at the start that are gone now (a worker that died): the figures would lie. */
  missing(): Promise<number[]>;
  finish(output: string, windowSeconds: number): Promise<ServerFigures>;
};

/**
 * Starts measuring the server whose top process is `pid`; with `isCluster`, its children are the
 * workers. `loopStart` is how many LOOP lines the output held already (they belong to before).
 *
 * @example const sample = await startServerSample(server.pid, false, parseLoopSamples(server.output()).length);
 */
export async function startServerSample(pid: number, isCluster: boolean, loopStart: number): Promise<ServerSample> {
  const pids = await serverPids(pid, isCluster);
  const cpuStart = new Map<number, number>();
  const rssStart = new Map<number, number>();
  for (const each of pids) {
    cpuStart.set(each, await ownCpuSeconds(each));
    rssStart.set(each, (await memoryBytes(each))?.rss ?? Number.NaN);
  }
  const totalStart = await treeCpuSeconds(pid);
  const missing = async () => {
    const gone: number[] = [];
    for (const each of pids) if ((await memoryBytes(each)) === null) gone.push(each);
    return gone;
  };
  return {
    pids,
    missing,
    async finish(output, windowSeconds) {
      const samples = parseLoopSamples(output).slice(loopStart);
      const processes: ServerProcessFigures[] = [];
      for (const [index, each] of pids.entries()) {
        const memory = await memoryBytes(each);
        const cpu = (await ownCpuSeconds(each)) - (cpuStart.get(each) ?? Number.NaN);
        processes.push({
          pid: each,
          role: !isCluster ? "server" : index === 0 ? "primary" : "worker",
          cpuCores: cpu / windowSeconds,
          peakRssBytes: memory?.peak ?? Number.NaN,
          rssStartBytes: rssStart.get(each) ?? Number.NaN,
          rssEndBytes: memory?.rss ?? Number.NaN,
          // One process's LOOP lines carry its pid; an older monitor's lines (no pid) are the lone server's.
          loop: summarizeLoopOf(
            samples.map((sample) => (sample.pid === undefined && !isCluster ? { ...sample, pid: each } : sample)),
            each,
          ),
        });
      }
      return { processes, totalCpuCores: ((await treeCpuSeconds(pid)) - totalStart) / windowSeconds };
    },
  };
}
