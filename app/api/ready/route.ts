import { getAppContext } from "@/server/context";
import { readHealth, readinessStatus } from "@/server/http/read-health";

export const dynamic = "force-dynamic";

/** Readiness: 503 while the database does not answer or the writer cannot write; body as /api/health. */
export async function GET(): Promise<Response> {
  const { db, databaseKind, writerStatus } = getAppContext();
  const body = await readHealth(db, databaseKind, writerStatus);
  return Response.json(body, { status: readinessStatus(body), headers: { "cache-control": "no-store" } });
}
