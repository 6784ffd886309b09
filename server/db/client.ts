// The one way server code gets a Prisma client: Prisma 7 has no built-in driver, so every
// client talks to PostgreSQL (or the embedded PGlite) through node-postgres via adapter-pg.
import { PrismaPg } from "@prisma/adapter-pg";
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
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }), ...options });
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
