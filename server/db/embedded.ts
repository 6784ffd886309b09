// The embedded database for machines without PostgreSQL: PGlite (PostgreSQL compiled to wasm)
// persisted in a folder, served on loopback over the Postgres wire protocol so that `pg`,
// `@prisma/adapter-pg` and the migrator talk to it exactly as they talk to a real server.
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgresOptions = {
  /** Folder holding the data; created if missing. Omit for an in-memory database. */
  dataDir?: string;
  /** TCP port on 127.0.0.1; 0 or omitted picks a free one. */
  port?: number;
};

export type EmbeddedPostgres = {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` — PGlite has one database only. */
  url: string;
  /** Closes client sockets, then PGlite (flushing the data folder). Safe to call twice. */
  stop(): Promise<void>;
};

const LOOPBACK_HOST = "127.0.0.1";
const EPHEMERAL_PORT = 0;
// pglite-socket's default is 1 connection, which breaks Prisma's pool (P1017). Queries are
// still executed one at a time by PGlite; this only bounds how many sockets may wait.
const MAX_CONNECTIONS = 32;

/**
 * Starts PGlite behind a wire-protocol socket. Every connection lands in the same single
 * database and the same backend session, whatever database name the URL carries.
 *
 * @example
 * const db = await startEmbeddedPostgres({ dataDir: ".data/pglite" });
 * await applyMigrations(db.url);
 * await db.stop();
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  // PGlite does not create parent folders and fails with an opaque FS error instead.
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: LOOPBACK_HOST,
    port: options.port ?? EPHEMERAL_PORT,
    maxConnections: MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  // getServerConn() reports the port the OS picked when we asked for port 0.
  const url = `postgresql://postgres@${server.getServerConn()}/postgres`;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await server.stop();
      if (!db.closed) await db.close();
    })();
    return stopping;
  };
  return { url, stop };
}
