import { getAppContext } from "@/server/context";
import { readHealth } from "@/server/http/read-health";

export const dynamic = "force-dynamic";

/**
 * Liveness, for operators and load balancers: 200 while the process serves, also during a
 * database outage (the body says `degraded`, the database's state and the writer's backlog).
 * /api/ready is the one that says 503.
 */
export async function GET(): Promise<Response> {
  const { db, databaseKind, writerStatus } = getAppContext();
  const body = await readHealth(db, databaseKind, writerStatus);
  return Response.json(body, { status: 200, headers: { "cache-control": "no-store" } });
}
