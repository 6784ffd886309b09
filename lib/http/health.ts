/**
 * The body of /api/health and /api/ready as a zod schema: the server builds it, and the load tool,
 * the tests and any operator's script parse it with the same schema, so a field cannot drift.
 */
import { z } from "../zod";

/** The batched writer's state (server/persistence's write queue). */
export const writerStatusSchema = z.object({
  /** Whether the last write (or probe) reached the database. */
  isDatabaseUp: z.boolean(),
  /** Rows and controls waiting to be written, pending batch included. */
  backlogRows: z.number().int().nonnegative(),
  /** Their estimated size in memory (bytes): the bound that refuses new durable rows when reached. */
  backlogBytes: z.number().int().nonnegative(),
  queuedWrites: z.number().int().nonnegative(),
  /** Age of the oldest write waiting at the head of the queue, 0 when idle. */
  oldestWaitMs: z.number().nonnegative(),
  /** Consecutive failed attempts at the head (0 when writes go through). */
  failedAttempts: z.number().int().nonnegative(),
  /** Rows PostgreSQL refused since the process started (reported to their senders). */
  refusedRows: z.number().int().nonnegative(),
});
/** The batched writer's state as /api/health reports it. */
export type WriterStatus = z.output<typeof writerStatusSchema>;

/** The health body. */
export const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.object({
    status: z.enum(["up", "down"]),
    kind: z.enum(["postgres", "embedded"]),
    latencyMs: z.number().nonnegative(),
  }),
  /** The batched writer: null in a process without the live class (e.g. `next dev` alone). */
  writer: writerStatusSchema.nullable(),
  uptimeSeconds: z.number().int().nonnegative(),
});
/** The health body. */
export type Health = z.output<typeof healthSchema>;
