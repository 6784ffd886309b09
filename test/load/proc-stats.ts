/**
 * CPU and memory of a process tree from /proc (Linux): what `top` shows, without sampling it.
 * CPU is utime + stime of the process and its descendants, in clock ticks.
 */
import { readdir, readFile } from "node:fs/promises";

/** Linux's USER_HZ; `getconf CLK_TCK` prints 100 on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;
const KIB = 1024;

/** CPU seconds (user + system) used so far by `pid` and every descendant still alive. */
export async function treeCpuSeconds(pid: number): Promise<number> {
  const stats = await readAllStats();
  const children = new Map<number, number[]>();
  for (const stat of stats.values()) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat.pid]);
  let ticks = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop() as number;
    const stat = stats.get(current);
    if (stat) ticks += stat.ticks;
    pending.push(...(children.get(current) ?? []));
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** CPU seconds (user + system) of `pid` alone, without its descendants; NaN once it is gone. */
export async function ownCpuSeconds(pid: number): Promise<number> {
  const stat = await readStat(String(pid));
  return stat ? stat.ticks / CLOCK_TICKS_PER_SECOND : Number.NaN;
}

/**
 * The live children of `pid` whose command line contains `script` (a cluster primary's workers,
 * not the esbuild service tsx starts beside them), in pid order.
 */
export async function childPids(pid: number, script: string): Promise<number[]> {
  const stats = await readAllStats();
  const children: number[] = [];
  for (const stat of stats.values()) {
    if (stat.ppid !== pid) continue;
    const commandLine = await readFile(`/proc/${stat.pid}/cmdline`, "utf8").catch(() => "");
    if (commandLine.includes(script)) children.push(stat.pid);
  }
  return children.sort((a, b) => a - b);
}

/** Resident memory now and its peak (VmRSS, VmHWM) in bytes; null once the process is gone. */
export async function memoryBytes(pid: number): Promise<{ rss: number; peak: number } | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * KIB;
    return { rss: field("VmRSS"), peak: field("VmHWM") };
  } catch {
    return null;
  }
}

type ProcStat = { pid: number; ppid: number; ticks: number };

async function readAllStats(): Promise<Map<number, ProcStat>> {
  const stats = new Map<number, ProcStat>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readStat(entry);
    if (stat) stats.set(stat.pid, stat);
  }
  return stats;
}

async function readStat(pid: string): Promise<ProcStat | null> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: parse after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // After the name: state(3) ppid(4) … utime(14) stime(15), 1-based as in proc(5).
    const ppid = Number(fields[1]);
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { pid: Number(pid), ppid, ticks };
  } catch {
    // The process ended between readdir and readFile.
    return null;
  }
}
