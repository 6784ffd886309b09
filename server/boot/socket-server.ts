import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/protocol";
import { readClientAddress } from "../http/client-address";
import type { ClassServer, ClassSocketData, InterServerEvents } from "../realtime/socket-types";
import {
  DEFAULT_SOCKETS_PER_ADDRESS_MAX,
  DEFAULT_UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX,
  UNAUTHENTICATED_SOCKET_TIMEOUT_MS,
} from "../security/limits";
import { createSocketAddressCap, type SocketAddressLimits, TOO_MANY_SOCKETS_MESSAGE } from "./socket-address-cap";

export type SocketServerOptions = {
  publicUrl: string;
  maxMessageBytes: number;
  /** TRUST_PROXY: take the scheme from X-Forwarded-Proto (a TLS-terminating proxy in front). */
  isProxyTrusted?: boolean;
  /** Concurrent connections per address (SOCKETS_PER_ADDRESS_MAX, UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX). */
  socketsPerAddress?: SocketAddressLimits;
};

/**
 * The socket.io server on the app's own HTTP server.
 * `destroyUpgrade: false` leaves upgrades it does not own (Next's hot-reload websocket) alone.
 * Every handshake passes {@link isAllowedOrigin}, the app's one origin check, and the cap on
 * connections per address (socket-address-cap.ts).
 */
export function createSocketServer(httpServer: HttpServer, options: SocketServerOptions): ClassServer {
  const isProxyTrusted = options.isProxyTrusted ?? false;
  const cap = createSocketAddressCap(
    options.socketsPerAddress ?? {
      total: DEFAULT_SOCKETS_PER_ADDRESS_MAX,
      unauthenticated: DEFAULT_UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX,
    },
  );
  const addressOf = (request: IncomingMessage) => readClientAddress(request, isProxyTrusted).ip;
  const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, ClassSocketData>(httpServer, {
    path: "/socket.io",
    destroyUpgrade: false,
    serveClient: false,
    maxHttpBufferSize: options.maxMessageBytes,
    // A connection that has not passed the handshake by then is closed (held sockets cost memory).
    connectTimeout: UNAUTHENTICATED_SOCKET_TIMEOUT_MS,
    allowRequest: (request, callback) => {
      if (!isAllowedOrigin(request, { publicUrl: options.publicUrl, isProxyTrusted }))
        return callback("Origin not allowed", false);
      // Refused before any socket exists: the client's connect_error carries HTTP 403 and this reason.
      if (!cap.canOpen(addressOf(request))) return callback(TOO_MANY_SOCKETS_MESSAGE, false);
      callback(null, true);
    },
  });
  io.engine.on("connection", (connection: EngineConnection) => {
    const isAllowed = cap.opened(connection.id, addressOf(connection.request));
    connection.once("close", () => cap.closed(connection.id));
    // Concurrent handshakes all passed allowRequest before any of them opened: close the excess.
    if (!isAllowed) connection.close();
  });
  // socket.conn is the engine.io connection above (its id is typed private, not hidden).
  io.on("connection", (socket) => cap.authenticated((socket.conn as unknown as EngineConnection).id));
  return io;
}

/** The part of an engine.io connection the cap uses. */
type EngineConnection = {
  id: string;
  request: IncomingMessage;
  once(event: "close", listener: () => void): void;
  close(): void;
};

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
