/**
 * `npm run start:cluster -- --workers N`: N server processes behind one port on this machine.
 * node:cluster forks the workers (each is `npm start`'s server/index.ts); the primary listens and
 * hands every connection to a worker with `@socket.io/sticky`, so a browser's long-polling
 * requests (socket.io's first transport, kept for networks that block WebSockets) all reach the
 * worker that holds their session. Workers share classes through Redis (REDIS_URL) and
 * PostgreSQL (DATABASE_URL): the embedded PGlite can be opened by one process only, so it is
 * refused here. A worker that dies is replaced; its students reconnect to the others meanwhile.
 */
import cluster, { type Worker } from "node:cluster";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setupMaster } from "@socket.io/sticky";
import { z } from "zod";
import { ensureNextBuild } from "../boot/ensure-build";
import { EnvError, loadDotEnv, loadEnv } from "../env";
import { holdUntilReady } from "./worker-ready";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** A crashing worker is replaced after this pause, so a boot loop does not eat the CPU. */
export const WORKER_RESTART_DELAY_MS = 1_000;
/** Each worker's heap cap in MB: `npm start`'s (package.json), so a worker holds what one process does. */
const WORKER_HEAP_MB = 384;
/** Workers get this long to stop cleanly (their own shutdown timeout is 10 s). */
const STOP_TIMEOUT_MS = 15_000;

const argsSchema = z.object({ workers: z.coerce.number().int().min(1).max(64) });

const log = (message: string) => console.log(`[mlp-classroom cluster] ${message}`);

/** `--workers N` (default: one per core). */
export function parseClusterArgs(argv: readonly string[]): { workers: number } {
  const index = argv.indexOf("--workers");
  const value = index >= 0 ? argv[index + 1] : String(availableParallelism());
  const parsed = argsSchema.safeParse({ workers: value });
  if (!parsed.success) throw new EnvError("--workers must be a whole number from 1 to 64");
  return parsed.data;
}

/** Why this environment cannot run a cluster, or null when it can. */
export function clusterRefusal(env: { DATABASE_URL?: string; REDIS_URL?: string }, workers: number): string | null {
  if (!env.DATABASE_URL) {
    return (
      "start:cluster needs DATABASE_URL (a PostgreSQL): the embedded database can be opened by one " +
      "process only. Set DATABASE_URL, or run one process with `npm start`."
    );
  }
  if (workers > 1 && !env.REDIS_URL) {
    return "start:cluster with more than one worker needs REDIS_URL: the workers share each class through Redis.";
  }
  return null;
}

async function main(): Promise<void> {
  process.chdir(ROOT);
  loadDotEnv();
  const env = loadEnv();
  const { workers } = parseClusterArgs(process.argv.slice(2));
  const refusal = clusterRefusal(env, workers);
  if (refusal) throw new EnvError(refusal);
  // Once here, not in every worker at the same time.
  await ensureNextBuild(ROOT);

  cluster.setupPrimary({
    exec: path.join(ROOT, "server", "index.ts"),
    execArgv: [`--max-old-space-size=${WORKER_HEAP_MB}`, "--import", "tsx"],
    // sticky passes each connection's first bytes over IPC: JSON would turn the Buffer into an object.
    serialization: "advanced",
  });
  let isStopping = false;
  const fork = (): Worker => {
    const worker = cluster.fork();
    // No connections until it is ready: a replacement booting would swallow the reconnects.
    holdUntilReady(worker);
    log(`worker ${worker.id} started (pid ${worker.process.pid})`);
    return worker;
  };
  cluster.on("exit", (worker, code, signal) => {
    if (isStopping) return;
    log(`worker ${worker.id} (pid ${worker.process.pid}) died (${signal ?? code}); replacing it`);
    setTimeout(() => {
      if (!isStopping) fork();
    }, WORKER_RESTART_DELAY_MS).unref();
  });
  const httpServer = createServer();
  // least-connection: a replaced worker fills up first instead of waiting for new classes.
  setupMaster(httpServer, { loadBalancingMethod: "least-connection" });
  // The port first: a taken port stops here, before any worker boots.
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(env.PORT, env.HOST, resolve);
  });
  for (let i = 0; i < workers; i++) fork();
  log(
    `${workers} workers behind http://${env.HOST}:${env.PORT} (sticky sessions, Redis ${env.REDIS_URL ? "on" : "off"})`,
  );

  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log(`${signal}: stopping the workers…`);
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    httpServer.close();
    const alive = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    let left = alive.length;
    if (left === 0) process.exit(0);
    for (const worker of alive) {
      worker.once("exit", () => {
        if (--left === 0) process.exit(0);
      });
      worker.process.kill("SIGTERM");
    }
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
