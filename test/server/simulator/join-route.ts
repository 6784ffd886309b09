/**
 * POST /api/join for a test server without Next, answered by the same joinClass use case the
 * Next route calls, so bots join over real HTTP exactly as they do against `npm start`.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { PrismaClient } from "@/server/db/client";
import { loadEnv } from "@/server/env";
import { joinClass } from "@/server/participants/join-class";

const env = loadEnv({});

/** Adds the route beside socket.io's own listener; every other path is left to socket.io. */
export function addJoinRoute(httpServer: Server, db: PrismaClient): void {
  httpServer.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST" || request.url !== "/api/join") return;
    void answer(db, request, response);
  });
}

async function answer(db: PrismaClient, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  let body: unknown = null;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    // joinClass answers INVALID_PAYLOAD for a null body.
  }
  const joined = await joinClass(db, { input: body, ip: "127.0.0.1", env });
  response.writeHead(joined.ok ? 200 : 409, { "content-type": "application/json" }).end(JSON.stringify(joined));
}
