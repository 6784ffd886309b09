// Throwaway databases for tooling and tests: a uniquely named database on a PostgreSQL server,
// or, when no server is reachable, a private in-memory PGlite on its own loopback port.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "../../server/db/embedded";

export type TemporaryDatabase = {
  url: string;
  /** Removes the database (terminating its connections). Safe to call twice. */
  drop(): Promise<void>;
};

/** Where temporary databases come from; `kind` tells callers which one they got. */
export type DatabaseProvisioner = {
  kind: "postgres" | "pglite";
  create(label: string): Promise<TemporaryDatabase>;
};

// Long enough to tell "nothing listening" from a slow server on a loaded 2-core machine.
const CONNECT_TIMEOUT_MS = 3_000;
const RANDOM_SUFFIX_BYTES = 6;
// Postgres truncates identifiers beyond 63 bytes; keep names well under that.
const MAX_LABEL_LENGTH = 30;

function databaseName(label: string): string {
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .slice(0, MAX_LABEL_LENGTH);
  return `tmp_${safeLabel}_${randomBytes(RANDOM_SUFFIX_BYTES).toString("hex")}`;
}

/** The same server and credentials as `url`, pointing at database `name`. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function withAdminClient<T>(adminUrl: string, job: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    return await job(client);
  } finally {
    await client.end();
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<unparsable database URL>";
  }
}

/** True when a PostgreSQL server answers at `url` (used to choose a provisioner). */
export async function isPostgresReachable(url: string): Promise<boolean> {
  try {
    await withAdminClient(url, (client) => client.query("SELECT 1"));
    return true;
  } catch {
    return false;
  }
}

/** Creates databases on the server behind `adminUrl` (its user needs CREATEDB). */
export function postgresProvisioner(adminUrl: string): DatabaseProvisioner {
  return {
    kind: "postgres",
    async create(label) {
      const name = databaseName(label);
      await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
      const url = withDatabaseName(adminUrl, name);
      let dropping: Promise<void> | undefined;
      const drop = () => {
        // WITH (FORCE) (PostgreSQL 13+) ends sessions a leaked pool may still hold open.
        dropping ??= withAdminClient(adminUrl, async (client) => {
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        });
        return dropping;
      };
      // PGlite behind a socket accepts CREATE DATABASE but serves every URL from one database:
      // handing that out as "fresh" would let callers trample each other.
      const current = await withAdminClient(url, (client) => client.query("SELECT current_database() AS name"));
      if (current.rows[0]?.name !== name) {
        await drop();
        throw new Error(`The server at ${redact(adminUrl)} ignores database names (PGlite?): cannot isolate ${name}`);
      }
      return { url, drop };
    },
  };
}

/** Starts one in-memory PGlite per database: it ignores database names, so one each. */
export function pgliteProvisioner(): DatabaseProvisioner {
  return {
    kind: "pglite",
    async create() {
      const embedded = await startEmbeddedPostgres();
      return { url: embedded.url, drop: embedded.stop };
    },
  };
}

/** PostgreSQL at `adminUrl` when it answers, else in-memory PGlite. */
export async function chooseProvisioner(adminUrl: string): Promise<DatabaseProvisioner> {
  return (await isPostgresReachable(adminUrl)) ? postgresProvisioner(adminUrl) : pgliteProvisioner();
}
