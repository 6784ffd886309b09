/**
 * One transaction of raw statements on one node-postgres connection: the batched writer's path
 * to PostgreSQL. Past Prisma on purpose: even a raw statement goes through Prisma's query
 * compiler, which serialized every batch (curves, maps) into its WebAssembly and back; at 300
 * students `compileBatch` and Prisma's interpreter were ~10 % of the main thread (issue 13).
 */
import type pg from "pg";
import type { Prisma } from "../db/client";

/**
 * A statement that has not answered in this long fails the batch (which the writer retries):
 * PostgreSQL holding a lock for minutes must not hang the writer with it.
 */
export const STATEMENT_TIMEOUT_MS = 30_000;

/** pg's message when `query_timeout` fired: the connection is mid-statement and must be dropped. */
const READ_TIMEOUT = /Query read timeout/i;

/**
 * Runs `statements` in order inside BEGIN … COMMIT; resolves once committed, with the rows they
 * touched. Any failure rolls the whole transaction back and rejects with PostgreSQL's (or pg's)
 * error, so the writer can tell a refused row from an unreachable database.
 *
 * @example
 * await runInTransaction(pool, [Prisma.sql`UPDATE "Run" SET "steps" = ${5} WHERE "id" = ${id}`]);
 */
export async function runInTransaction(pool: pg.Pool, statements: readonly Prisma.Sql[]): Promise<number> {
  const client = await pool.connect();
  let isBroken = false;
  // A connection that drops while checked out is reported on the client as well as to the query
  // that was running: without a listener that report would crash the process.
  const onConnectionError = () => {
    isBroken = true;
  };
  client.on("error", onConnectionError);
  try {
    await client.query("BEGIN");
    let rows = 0;
    for (const statement of statements) {
      // pg reads `query_timeout` per query (client.js), though its types list it for the client only.
      const query: pg.QueryConfig = Object.assign(
        { text: statement.text, values: statement.values.map(toParameter) },
        { query_timeout: STATEMENT_TIMEOUT_MS },
      );
      const result = await client.query(query);
      rows += result.rowCount ?? 0;
    }
    await client.query("COMMIT");
    return rows;
  } catch (error) {
    isBroken ||= error instanceof Error && READ_TIMEOUT.test(error.message);
    if (!isBroken) {
      try {
        await client.query("ROLLBACK");
      } catch {
        isBroken = true;
      }
    }
    throw error;
  } finally {
    client.off("error", onConnectionError);
    // A broken connection is closed rather than handed to the next query.
    client.release(isBroken);
  }
}

/**
 * Dates as UTC text: pg would send a Date in the process's local time zone, while Prisma (and so
 * every other row) stores UTC. The statements cast to timestamp(3), which reads the text as UTC.
 */
function toParameter(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
