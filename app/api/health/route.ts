import { getAppContext } from "@/server/context";

export const dynamic = "force-dynamic";

/** Liveness and database status, for operators and load balancers. 503 when the database is down. */
export async function GET(): Promise<Response> {
  const { db, databaseKind } = getAppContext();
  const startedAt = performance.now();
  let isDatabaseUp = true;
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    isDatabaseUp = false;
  }
  const body = {
    status: isDatabaseUp ? "ok" : "degraded",
    database: {
      status: isDatabaseUp ? "up" : "down",
      kind: databaseKind,
      latencyMs: Math.round((performance.now() - startedAt) * 10) / 10,
    },
    uptimeSeconds: Math.round(process.uptime()),
  };
  return Response.json(body, { status: isDatabaseUp ? 200 : 503, headers: { "cache-control": "no-store" } });
}
