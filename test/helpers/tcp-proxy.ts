/**
 * A TCP proxy in front of PostgreSQL that a fault test cuts and restores: an outage of the
 * database as the server sees it, without touching the machine's shared PostgreSQL (never stop
 * it; `initdb` refuses to run as root). `cut()` drops every open connection and refuses new ones
 * (what a PostgreSQL restart looks like to a client); `restore()` listens again on the same port.
 */
import net from "node:net";

/** The running proxy. */
export type TcpProxy = {
  readonly port: number;
  /** `databaseUrl` with host and port replaced by the proxy's. */
  urlFor(databaseUrl: string): string;
  /** Connections forwarded since start (for tests to see the server really reconnected). */
  readonly connectionCount: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Starts a proxy on a free loopback port, forwarding to `target`.
 *
 * @example
 * const proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
 * const db = createPrismaClient(proxy.urlFor(process.env.DATABASE_URL));
 * await proxy.cut(); … await proxy.restore();
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let connectionCount = 0;
  let server = createServer();
  let port = 0;

  function createServer(): net.Server {
    return net.createServer((client) => {
      connectionCount++;
      const upstream = net.connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        // A reset on one side closes the other; errors are the point of this helper, not failures.
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  function listen(on: net.Server, at: number): Promise<number> {
    return new Promise((resolve, reject) => {
      on.once("error", reject);
      on.listen(at, "127.0.0.1", () => {
        const address = on.address();
        resolve(typeof address === "object" && address ? address.port : at);
      });
    });
  }

  function stopListening(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  port = await listen(server, 0);
  let isCut = false;

  return {
    get port() {
      return port;
    },
    get connectionCount() {
      return connectionCount;
    },
    urlFor(databaseUrl: string): string {
      const url = new URL(databaseUrl);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    async cut() {
      if (isCut) return;
      isCut = true;
      await stopListening();
    },
    async restore() {
      if (!isCut) return;
      isCut = false;
      server = createServer();
      await listen(server, port);
    },
    async close() {
      if (!isCut) await stopListening();
      isCut = true;
    },
  };
}
