/**
 * Database writes of one database from pg_stat_database: committed transactions and rows
 * inserted/updated/deleted. Backends publish their counters at most once a second and when idle,
 * so read the end figures after the server has exited (its connections flush on close).
 */
import pg from "pg";

/** Counters at one moment. */
export type DbCounters = { commits: number; rowsWritten: number };

/** Reads the counters of `databaseName` through `adminUrl` (any database on the same server). */
export async function readDbCounters(adminUrl: string, databaseName: string): Promise<DbCounters> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Stats are cached per transaction; clear the snapshot so we see the latest published values.
    await client.query("select pg_stat_clear_snapshot()");
    const result = await client.query<{ commits: string; rows: string }>(
      "select xact_commit as commits, tup_inserted + tup_updated + tup_deleted as rows from pg_stat_database where datname = $1",
      [databaseName],
    );
    const row = result.rows[0];
    return { commits: Number(row?.commits ?? 0), rowsWritten: Number(row?.rows ?? 0) };
  } finally {
    await client.end();
  }
}

/** Rows in the tables the live class writes, for the report. */
export async function countClassRows(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of ["Participant", "Run", "MapSnapshot"]) {
      const result = await client.query<{ count: string }>(`select count(*) as count from "${table}"`);
      counts[table] = Number(result.rows[0]?.count ?? 0);
    }
    return counts;
  } finally {
    await client.end();
  }
}
