/**
 * What /api/health and /api/ready answer. Health stays 200 while the process serves (a load
 * balancer must not drain every process because the database is away: the live class goes on
 * and the writer keeps its backlog) and says in its body how the database and the writer are.
 * Readiness is 503 while the database does not answer or the writer's backlog is stuck, for
 * whatever should stop sending new classes here.
 */
import type { Health, WriterStatus } from "../../lib/http/health";
import type { PrismaClient } from "../db/client";

/** A probe slower than this counts as down: health must answer fast even when the database hangs. */
export const HEALTH_PROBE_TIMEOUT_MS = 1000;

export type { Health } from "../../lib/http/health";

/**
 * Probes the database and reads the writer's state.
 *
 * @example
 * const health = await readHealth(db, "postgres", () => persistence.status());
 * // { status: "ok", database: { status: "up", … }, writer: { backlogRows: 0, … }, … }
 */
export async function readHealth(
  db: PrismaClient,
  kind: Health["database"]["kind"],
  writerStatus: (() => WriterStatus) | undefined,
): Promise<Health> {
  const startedAt = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const isDatabaseUp = await Promise.race([
    db.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), HEALTH_PROBE_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  const writer = writerStatus?.() ?? null;
  const isWriterBehind = writer !== null && (!writer.isDatabaseUp || writer.failedAttempts > 0);
  return {
    status: isDatabaseUp && !isWriterBehind ? "ok" : "degraded",
    database: {
      status: isDatabaseUp ? "up" : "down",
      kind,
      latencyMs: Math.round((performance.now() - startedAt) * 10) / 10,
    },
    writer,
    uptimeSeconds: Math.round(process.uptime()),
  };
}

/** HTTP status of /api/ready for a health reading: 503 while degraded. */
export function readinessStatus(health: Health): 200 | 503 {
  return health.status === "ok" ? 200 : 503;
}
