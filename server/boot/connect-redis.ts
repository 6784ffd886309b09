/**
 * REDIS_URL: several processes serve one class. socket.io gets its Redis adapter
 * (`@socket.io/redis-adapter` over `ioredis` 5, the client its authors test with: room
 * broadcasts reach sockets on every process) and the live class gets its own two connections
 * for class leases and the node bus (server/cluster). Why the pub/sub adapter and not the
 * streams one: README "Several processes".
 */

import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import type { SpanConnection } from "../realtime/attach-realtime";
import type { ClassServer } from "../realtime/socket-types";

/** A Redis that does not answer at start-up stops the boot instead of hanging it. */
const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/** The process's Redis connections, wired. */
export type RedisConnections = { span: SpanConnection; close(): Promise<void> };

/** A node id unique per process and readable in logs: host, pid, random suffix. */
export function createNodeId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`;
}

/**
 * Connects four clients (adapter pub/sub, span pub/sub), installs the adapter on `io` with the
 * key prefix on its channels too (two apps or tests on one Redis stay apart).
 */
export async function connectRedis(
  io: ClassServer,
  options: { url: string; prefix: string; nodeId?: string },
): Promise<RedisConnections> {
  const clients = Array.from(
    { length: 4 },
    () => new Redis(options.url, { lazyConnect: true, connectTimeout: REDIS_CONNECT_TIMEOUT_MS }),
  );
  const [adapterPub, adapterSub, pub, sub] = clients as [Redis, Redis, Redis, Redis];
  try {
    await Promise.all(clients.map((client) => client.connect()));
  } catch (error) {
    for (const client of clients) client.disconnect();
    throw new Error(`REDIS_URL: cannot reach Redis (${error instanceof Error ? error.message : String(error)})`);
  }
  io.adapter(createAdapter(adapterPub, adapterSub, { key: `${options.prefix}socket.io` }));
  return {
    span: { pub, sub, prefix: options.prefix, nodeId: options.nodeId ?? createNodeId() },
    async close() {
      await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
    },
  };
}
