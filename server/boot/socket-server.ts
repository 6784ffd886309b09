import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/protocol";
import type { ClassServer, ClassSocketData, InterServerEvents } from "../realtime/socket-types";

export type SocketServerOptions = { publicUrl: string; maxMessageBytes: number };

/**
 * The socket.io server on the app's own HTTP server.
 * `destroyUpgrade: false` leaves upgrades it does not own (Next's hot-reload websocket) alone.
 * Browsers always send Origin on websocket and XHR requests: only same-origin pages and the
 * configured public URL may connect; non-browser clients (the simulator) send none.
 */
export function createSocketServer(httpServer: HttpServer, options: SocketServerOptions): ClassServer {
  return new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, ClassSocketData>(httpServer, {
    path: "/socket.io",
    destroyUpgrade: false,
    serveClient: false,
    maxHttpBufferSize: options.maxMessageBytes,
    allowRequest: (request, callback) => callback(null, isAllowedOrigin(request, options.publicUrl)),
  });
}

export function isAllowedOrigin(request: IncomingMessage, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return originHost === request.headers.host || originHost === new URL(publicUrl).host;
}
