// The one way server code gets a Prisma client: Prisma 7 has no built-in driver, so every
// client talks to PostgreSQL (or the embedded PGlite) through node-postgres via adapter-pg.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

export type {
  CellCheck,
  ClassSession,
  JoinRequest,
  Lesson,
  LessonStep,
  MapSnapshot,
  Participant,
  RateLimit,
  Run,
  Teacher,
  TeacherSession,
} from "./generated/client";
export { Prisma } from "./generated/client";
export { ChallengeVerdict, ClassStatus, JoinRequestStatus, LessonStepKind, RunStatus } from "./generated/enums";
export type { PrismaClient };

/**
 * A client with its own connection pool (node-postgres defaults: up to 10 connections).
 * Call `$disconnect()` on shutdown so the pool closes and the process can exit.
 *
 * @example
 * const prisma = createPrismaClient(databaseUrl);
 * const teacher = await prisma.teacher.findUnique({ where: { email } });
 */
export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, connectionTimeoutMillis: POOL_CONNECT_TIMEOUT_MS });
  // An idle connection that drops (a database restart) must not crash the process: the next query reconnects.
  pool.on("error", () => undefined);
  const client = new PrismaClient({ adapter: new PrismaPg(pool), ...options });
  pools.set(client, pool);
  // Prisma leaves a pool it was given open: close it with the client, even if Prisma never used it.
  const disconnect = client.$disconnect.bind(client);
  Object.assign(client, {
    async $disconnect() {
      await disconnect();
      if (!pool.ending && !pool.ended) await pool.end();
    },
  });
  return client;
}

/**
 * Waiting for a free connection gives up after this (pg's default waits forever): a busy or
 * unreachable database fails the write, which the writer retries, instead of hanging it.
 */
export const POOL_CONNECT_TIMEOUT_MS = 10_000;

const pools = new WeakMap<PrismaClient, pg.Pool>();

/**
 * The node-postgres pool under a client made by {@link createPrismaClient}: the batched writer
 * sends its hot statements on it directly, past Prisma's query compiler (server/persistence).
 * Null for a client made some other way.
 */
export function sqlPoolOf(client: PrismaClient): pg.Pool | null {
  return pools.get(client) ?? null;
}

/** Options of {@link createPrismaClient}. */
export type PrismaClientOptions = {
  /** Prisma's query plan cache, in plans (its default is 1,000); 0 turns it off. */
  queryPlanCacheMaxSize?: number;
};

/**
 * The batched writer's client (server/persistence): its own pool, and no query plan cache.
 * Prisma keys a batch transaction's plan by the batch's whole text, values included (a finished
 * run's curve, every map), so each batch is a new entry that is never hit again, and up to 1,000
 * of them stay in memory. At 170 students 41 such entries held 15 MB of keys and 14 MB of
 * curves; at 532 the heap was full (issue 13). The rest of the app keeps the cache: its queries
 * are the same few shapes.
 */
export function createWriterPrismaClient(databaseUrl: string): PrismaClient {
  return createPrismaClient(databaseUrl, { queryPlanCacheMaxSize: 0 });
}
