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
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
