/**
 * Figures the load tool reads at the end of a run: the writer's line of /api/health, the CPU
 * profiles' top functions, the CPU of the bot processes.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { healthSchema } from "../../lib/http/health";
import { treeCpuSeconds } from "./proc-stats";
import { topFunctions } from "./profile-summary";

/** The writer's line of /api/health at the end of the window: its backlog should be ~0. */
export async function readWriter(url: string): Promise<string> {
  try {
    const response = await fetch(`${url}/api/health`);
    const body = healthSchema.parse(await response.json());
    return `HTTP ${response.status}, ${JSON.stringify(body.writer)}`;
  } catch (error) {
    return `unreadable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * `node --cpu-prof` names its files CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile; thread 0 is
 * the main thread (the others are tsx's loader thread and the like).
 */
const PROFILE_NAME = /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/;

/** The top five functions of each main-thread profile the server wrote when it stopped. */
export async function readProfileTop(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((file) => PROFILE_NAME.exec(file)?.[2] === "0");
  if (files.length === 0) return `no main-thread profile in ${dir}`;
  const parts: string[] = [];
  for (const file of files) {
    const top = await topFunctions(path.join(dir, file), 5);
    const lines = top.map(
      (entry) => `  ${(entry.share * 100).toFixed(1).padStart(5)} %  ${entry.name}  ${entry.where}`,
    );
    parts.push(`${path.join(dir, file)} (self time, share of busy samples):\n${lines.join("\n")}`);
  }
  return parts.join("\n");
}

/** CPU seconds of the processes `pids` and their descendants. */
export async function sumCpu(pids: readonly number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) total += await treeCpuSeconds(pid);
  return total;
}
