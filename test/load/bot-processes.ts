/**
 * The class of bots in child processes (`server/cli/simulate.ts`, as `npm run simulate` runs it),
 * split into even ranges "Bot 1…", "Bot 151…", so their CPU is theirs and not the server's.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ClassStats } from "../../server/simulator/class-stats";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** simulate.ts prints its totals on a line starting with this. */
const SUMMARY_PREFIX = "SUMMARY ";

/** Child processes running bots. */
export type BotProcesses = {
  pids: number[];
  /** Latest status line of each child. */
  lastLines(): string[];
  /** Progress updates sent so far by all children, from their latest status lines (≤ 1 s old). */
  progressSent(): number;
  /** SIGTERM (they stop their bots and print a summary), then the merged totals. */
  stop(): Promise<ClassStats[]>;
};

/** Options: where to join, how many bots in how many processes, at which speed. */
export type BotProcessOptions = {
  url: string;
  code: string;
  students: number;
  children: number;
  speed: string;
  isSharedTraining: boolean;
};

/** @example const bots = startBotProcesses({ url, code, students: 295, children: 2, speed: "default" }); */
export function startBotProcesses(options: BotProcessOptions): BotProcesses {
  const { url, code, students, children, speed, isSharedTraining } = options;
  const processes: { child: ChildProcess; output: string; exited: Promise<void> }[] = [];
  let first = 1;
  for (let i = 0; i < children; i++) {
    const count = Math.floor(students / children) + (i < students % children ? 1 : 0);
    if (count === 0) continue;
    const args = [
      "--import",
      "tsx",
      "server/cli/simulate.ts",
      "--url",
      url,
      "--code",
      code,
      "--students",
      String(count),
    ];
    // A status line a second: progressSent() reads the counts from it.
    args.push("--first", String(first), "--speed", speed, "--status-every", "1");
    if (isSharedTraining) args.push("--shared-training");
    first += count;
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const entry = { child, output: "", exited: new Promise<void>((resolve) => child.once("exit", () => resolve())) };
    child.stdout?.on("data", (chunk: Buffer) => {
      entry.output += chunk.toString("utf8");
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      entry.output += chunk.toString("utf8");
    });
    processes.push(entry);
  }
  return {
    pids: processes.map(({ child }) => child.pid as number),
    lastLines: () => processes.map(({ output }) => output.trim().split("\n").at(-1) ?? ""),
    progressSent: () =>
      processes.reduce((sum, { output }) => {
        const counts = [...output.matchAll(/ progress (\d+) /g)];
        return sum + Number(counts.at(-1)?.[1] ?? 0);
      }, 0),
    async stop() {
      for (const { child } of processes) if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.all(processes.map(({ exited }) => exited));
      return processes.flatMap(({ output }) => {
        const line = output.split("\n").find((candidate) => candidate.startsWith(SUMMARY_PREFIX));
        if (!line) return [];
        try {
          return [JSON.parse(line.slice(SUMMARY_PREFIX.length)) as ClassStats];
        } catch {
          return [];
        }
      });
    },
  };
}
