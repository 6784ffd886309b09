import cluster from "node:cluster";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setupWorker } from "@socket.io/sticky";
import next from "next";
import { MAX_MESSAGE_BYTES } from "../lib/protocol";
import { argon2Slots } from "./auth/password";
import { connectRedis } from "./boot/connect-redis";
import { ensureNextBuild } from "./boot/ensure-build";
import { reachableUrls, resolvePublicUrl } from "./boot/network";
import { openDatabase, redactDatabaseUrl } from "./boot/open-database";
import { createSocketServer } from "./boot/socket-server";
import { type AppContext, setAppContext } from "./context";
import { createPrismaClient, createWriterPrismaClient } from "./db/client";
import { EnvError, loadDotEnv, loadEnv } from "./env";
import { stampClientHeaders } from "./http/client-address";
import { applySecurityHeaders } from "./http/security-headers";
import { createPersistence } from "./persistence/create-persistence";
import { attachRealtime } from "./realtime/attach-realtime";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** A stuck connection must not keep a stopping server alive forever. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

const log = (message: string) => console.log(`[mlp-classroom] ${message}`);

async function main(): Promise<void> {
  const isDev = process.argv.includes("--dev");
  process.chdir(ROOT);
  loadDotEnv();
  const env = loadEnv();
  if (!isDev) await ensureNextBuild(ROOT);

  argon2Slots.resize(env.ARGON2_MAX_CONCURRENT);
  const database = await openDatabase(env, log);
  const db = createPrismaClient(database.url);
  const publicUrl = resolvePublicUrl({ publicUrl: env.PUBLIC_URL, host: env.HOST, port: env.PORT });
  const context: AppContext = { env, db, publicUrl, databaseKind: database.kind };
  setAppContext(context);

  const httpServer = createServer();
  const app = next({ dev: isDev, dir: ROOT, hostname: "localhost", port: env.PORT, httpServer });
  const handle = app.getRequestHandler();
  await app.prepare();
  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    stampClientHeaders(req, env.TRUST_PROXY);
    applySecurityHeaders(req, res, isDev);
    void handle(req, res);
  });
  // Just above the largest legal message: anything bigger closes the connection unread.
  const io = createSocketServer(httpServer, {
    publicUrl,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    isProxyTrusted: env.TRUST_PROXY,
    socketsPerAddress: {
      total: env.SOCKETS_PER_ADDRESS_MAX,
      unauthenticated: env.UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX,
    },
  });
  // Several processes share classes through Redis; unset, one process and nothing changes.
  const redis = env.REDIS_URL ? await connectRedis(io, { url: env.REDIS_URL, prefix: env.REDIS_KEY_PREFIX }) : null;
  // Side by side: the writer listens to the rooms through their hooks; realtime never creates it.
  // listRooms is late-bound: the writer polls it only once started, after realtime exists.
  // The writer has a client of its own: no query plan cache (see createWriterPrismaClient).
  const writerDb = createWriterPrismaClient(database.url);
  const persistence = createPersistence({
    db: writerDb,
    log: (message) => log(`persistence: ${message}`),
    listRooms: () => realtime.hub.listRooms(),
  });
  const realtime = attachRealtime(io, {
    db,
    hooks: persistence.hooks,
    log: (message) => log(`realtime: ${message}`),
    span: redis?.span,
  });
  persistence.start();
  // Health reports the writer's backlog from here on.
  context.writerStatus = () => persistence.status();

  if (cluster.isWorker) {
    // `npm run start:cluster`: the primary listens and hands connections over (server/cluster/start-cluster.ts).
    setupWorker(io);
  } else {
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(env.PORT, env.HOST, resolve);
    });
  }
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  log(
    `Database: ${database.kind === "embedded" ? "embedded PGlite" : "PostgreSQL"} (${redactDatabaseUrl(database.url)})`,
  );
  const worker = cluster.isWorker ? ` (cluster worker ${cluster.worker?.id}, pid ${process.pid})` : "";
  log(`Ready in ${isDev ? "development" : "production"} mode${worker}. Open:`);
  for (const url of reachableUrls(env.HOST, port)) log(`  ${url}`);
  if (redis) log(`Redis: classes shared with other processes (node ${redis.span.nodeId})`);
  log(`Students join at ${publicUrl}${env.PUBLIC_URL ? " (PUBLIC_URL)" : ""}`);

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log(`${signal}: shutting down…`);
    const timer = setTimeout(() => {
      log("Shutdown timed out; exiting");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    // Sockets first (their disconnects are recorded), then the last batch, then the database.
    await new Promise<void>((resolve) => io.close(() => resolve()));
    realtime.close();
    await persistence.close();
    // After the last batch: the next owner of this process's classes loads them as stored.
    await realtime.handOver();
    await redis?.close();
    httpServer.closeAllConnections();
    await app.close();
    await writerDb.$disconnect();
    await db.$disconnect();
    await database.close();
    setAppContext(undefined);
    log("Stopped cleanly");
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  // A cluster worker whose primary died has no port any more: it stops instead of lingering.
  if (cluster.isWorker) process.once("disconnect", () => void stop("primary gone"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    console.error(error.message);
  } else {
    console.error("[mlp-classroom] Failed to start:", error);
  }
  process.exit(1);
});
