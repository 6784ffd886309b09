import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/protocol";
import { readClientAddress } from "../http/client-address";
import type { ClassServer, ClassSocketData, InterServerEvents } from "../realtime/socket-types";
import { UNAUTHENTICATED_SOCKET_TIMEOUT_MS } from "../security/limits";

export type SocketServerOptions = {
  publicUrl: string;
  maxMessageBytes: number;
  /** TRUST_PROXY: take the scheme from X-Forwarded-Proto (a TLS-terminating proxy in front). */
  isProxyTrusted?: boolean;
};

/**
 * The socket.io server on the app's own HTTP server.
 * `destroyUpgrade: false` leaves upgrades it does not own (Next's hot-reload websocket) alone.
 * Every handshake passes {@link isAllowedOrigin}, the app's one origin check.
 */
export function createSocketServer(httpServer: HttpServer, options: SocketServerOptions): ClassServer {
  const isProxyTrusted = options.isProxyTrusted ?? false;
  return new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, ClassSocketData>(httpServer, {
    path: "/socket.io",
    destroyUpgrade: false,
    serveClient: false,
    maxHttpBufferSize: options.maxMessageBytes,
    // A connection that has not passed the handshake by then is closed (held sockets cost memory).
    connectTimeout: UNAUTHENTICATED_SOCKET_TIMEOUT_MS,
    allowRequest: (request, callback) =>
      callback(null, isAllowedOrigin(request, { publicUrl: options.publicUrl, isProxyTrusted })),
  });
}

/**
 * The one origin check of the socket handshake (cross-site WebSocket hijacking: a page elsewhere
 * opening a socket with the teacher's cookie). When an Origin is present it must equal, exactly in
 * scheme, host and port, either the origin the request reached (Host header, with the scheme of
 * the connection or, under TRUST_PROXY, X-Forwarded-Proto) or the configured public URL.
 *
 * A missing Origin is allowed: browsers always send one on WebSocket and cross-origin requests, so
 * only non-browser clients (the class simulator, `npm run load`) omit it, and such a client can
 * forge any Origin anyway. The check protects browsers' cookies; it cannot authenticate programs.
 */
export function isAllowedOrigin(
  request: Pick<IncomingMessage, "headers" | "socket">,
  options: { publicUrl: string; isProxyTrusted: boolean },
): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const claimed = parseOrigin(origin);
  if (claimed === null) return false;
  const { proto } = readClientAddress(request as IncomingMessage, options.isProxyTrusted);
  const host = request.headers.host;
  const reached = host ? parseOrigin(`${proto}://${host}`) : null;
  return claimed === reached || claimed === parseOrigin(options.publicUrl);
}

/** `scheme://host[:port]` with default ports dropped, or null for anything but http(s). */
function parseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}
