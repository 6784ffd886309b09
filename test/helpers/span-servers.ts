/**
 * Several realtime servers in one test process sharing real Redis (socket.io's Redis adapter,
 * class leases, the node bus) and one real PostgreSQL, and clients that reconnect by themselves
 * as browsers do. For the tests of one class across processes (test/server/cluster).
 */
import { randomUUID } from "node:crypto";
import { type Socket as ClientSocket, io as connect } from "socket.io-client";
import type { PrismaClient } from "@/server/db/client";
import { type RealtimeTestServer, startRealtimeTestServer } from "./realtime";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
/** Fast reconnects so a moved class shows within the tests' waits. */
const RECONNECT_MS = 200;

/** Servers and clients of one test; `close()` in afterEach. */
export function createSpanFixture(getDb: () => PrismaClient) {
  let servers: RealtimeTestServer[] = [];
  const clients: ClientSocket[] = [];
  return {
    /** `count` servers on one fresh Redis key prefix. */
    async start(count: number): Promise<RealtimeTestServer[]> {
      const redis = { url: REDIS_URL, prefix: `mlp-hall-test-${randomUUID()}:` };
      for (let i = 0; i < count; i++) {
        servers.push(await startRealtimeTestServer(getDb(), { redis, isAutoFlushOn: true }));
      }
      return servers;
    },
    /** Keeps only these servers for `close()` (the test stopped the others itself). */
    keep(kept: RealtimeTestServer[]): void {
      servers = kept;
    },
    /** A client that reconnects by itself, on `url`. */
    open(url: string, auth: object, cookie?: string): ClientSocket {
      const socket = connect(url, {
        auth: auth as Record<string, unknown>,
        transports: ["websocket"],
        reconnectionDelay: RECONNECT_MS,
        reconnectionDelayMax: RECONNECT_MS,
        extraHeaders: cookie ? { cookie } : {},
      });
      clients.push(socket);
      return socket;
    },
    async close(): Promise<void> {
      for (const client of clients.splice(0)) client.disconnect();
      for (const server of servers.splice(0)) await server.close();
    },
  };
}

/** Resolves once the client is connected; rejects on its first connect_error. */
export async function connected(socket: ClientSocket): Promise<void> {
  if (socket.connected) return;
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}
