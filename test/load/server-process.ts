/**
 * The server under load, as `npm start` runs it but with node itself as the process (tsx as an
 * import hook), so /proc/<pid> is the server and nothing else.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** A cold start may build Next first (~20 s on 2 cores) and migrate; 3 minutes means it is stuck. */
const START_TIMEOUT_MS = 180_000;
/** The server's own shutdown timeout is 10 s; give it a little more before SIGKILL. */
const STOP_TIMEOUT_MS = 15_000;
/**
 * Every bot joins from 127.0.0.1, faster than one address may in a real class
 * (JOIN_RATE_PER_IP_PER_MINUTE): the load tool sets its own, effectively unlimited.
 */
const LOAD_JOIN_RATE_PER_IP_PER_MINUTE = 1_000_000;
/**
 * Every bot's socket comes from 127.0.0.1 too, and a loaded server may hold many handshakes at
 * once: the load tool lifts the per-address socket caps (SOCKETS_PER_ADDRESS_MAX and
 * UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX) rather than measure them.
 */
const LOAD_SOCKETS_PER_ADDRESS_MAX = 1_000_000;

/** `next build`, as `npm run build` runs it: a stale build serves yesterday's pages (or 404s). */
export async function buildPages(): Promise<void> {
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], { cwd: ROOT, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
}

/** Prints the event loop's figures once a second (test-only; see the file). */
const LOOP_MONITOR = "./test/load/loop-monitor.mjs";

/** `npm start`'s heap cap in MB; keep in sync with package.json's "start" script. */
export const START_HEAP_MB = 384;

/** A running server process. */
export type ServerProcess = {
  pid: number;
  url: string;
  stop(): Promise<void>;
  /** kill -9: no shutdown, no last batch (crash tests); resolves once the process is gone. */
  kill(): Promise<void>;
  output(): string;
  /** The exit code or signal once the process has died (null while it runs). */
  death(): string | null;
};

/** Options of {@link startServerProcess}. */
export type ServerProcessOptions = {
  port: number;
  databaseUrl: string;
  /** V8's old-space cap (`--max-old-space-size`); `npm start`'s {@link START_HEAP_MB} by default. */
  heapMb?: number;
  /** Write a V8 CPU profile here when the server stops (`--cpu-prof`). */
  cpuProfileDir?: string;
  /** More environment (REDIS_URL and REDIS_KEY_PREFIX for a class across processes). */
  env?: Record<string, string>;
  /**
   * Run `npm run start:cluster -- --workers N` instead of `npm start`; resolves once every worker
   * is ready. `pid` is then the primary's.
   */
  clusterWorkers?: number;
};

/** Starts the server on `port` against `databaseUrl`; resolves when it prints "Ready". */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  // `npm start`'s command line (package.json), so the figures are those of a real start, plus the
  // loop monitor (test-only, prints LOOP lines) and, when asked, a CPU profile.
  const flags = [`--max-old-space-size=${options.heapMb ?? START_HEAP_MB}`];
  if (options.cpuProfileDir) flags.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`);
  const preload = ["--import", "tsx", "--import", LOOP_MONITOR];
  const workers = options.clusterWorkers;
  if (workers && options.cpuProfileDir) throw new Error("--cpu-prof profiles one process: run it without workers");
  // start:cluster's command line (package.json): the primary forks `npm start`'s server per worker.
  // Its workers' flags are its own (heap included), so the loop monitor reaches them by NODE_OPTIONS.
  const command = workers
    ? ["--import", "tsx", "server/cluster/start-cluster.ts", "--workers", String(workers)]
    : [...flags, ...preload, "server/index.ts"];
  const nodeOptions = workers
    ? { NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import ${LOOP_MONITOR}`].filter(Boolean).join(" ") }
    : {};
  const child: ChildProcess = spawn(process.execPath, command, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      DATABASE_URL: options.databaseUrl,
      PUBLIC_URL: url,
      JOIN_RATE_PER_IP_PER_MINUTE: String(LOAD_JOIN_RATE_PER_IP_PER_MINUTE),
      SOCKETS_PER_ADDRESS_MAX: String(LOAD_SOCKETS_PER_ADDRESS_MAX),
      UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX: String(LOAD_SOCKETS_PER_ADDRESS_MAX),
      ...nodeOptions,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  let death: string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      death = signal ? `killed by ${signal}` : `exited with code ${code}`;
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server did not start in time:\n${output}`)), START_TIMEOUT_MS);
    const check = () => {
      if ((output.match(/Ready in/g) ?? []).length < (workers ?? 1)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    pid: child.pid as number,
    url,
    output: () => output,
    death: () => death,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
