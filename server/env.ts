import { z } from "zod";
import { storableString } from "@/lib/storable-string";
import {
  DEFAULT_ARGON2_MAX_CONCURRENT,
  DEFAULT_JOIN_DELAY_CAP_MS,
  DEFAULT_JOIN_RATE_PER_IP_PER_MINUTE,
  DEFAULT_JOIN_UNKNOWN_CODES_PER_MINUTE,
  DEFAULT_JOIN_WINDOW_SECONDS,
  DEFAULT_SIGNIN_DELAY_CAP_MS,
  DEFAULT_SIGNIN_EMAIL_DELAY_CAP_MS,
  DEFAULT_SIGNIN_WINDOW_SECONDS,
  DEFAULT_SIGNUPS_PER_IP_PER_HOUR,
  DEFAULT_SOCKETS_PER_ADDRESS_MAX,
  DEFAULT_UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX,
} from "./security/limits";

const booleanFromString = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().min(0);

/**
 * Every environment variable the server reads, parsed once at start-up.
 * A bad value stops the process with a message naming the variable (see `loadEnv`).
 * Keep this list in sync with `.env.example` and the README's configuration table.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** All interfaces by default, so phones on the classroom network can reach the server. */
  HOST: storableString().min(1).default("0.0.0.0"),
  /** A real PostgreSQL; unset means the embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),
  /** The address students use (join links, QR codes), e.g. behind a proxy. Default: a LAN address. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  DATA_DIR: storableString().min(1).default(".data"),
  /**
   * Redis shared by several server processes (socket.io's Redis adapter, class leases). Unset:
   * one process, everything in memory.
   */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
  /** Prefix of every Redis key and channel, so two installations can share one Redis. */
  REDIS_KEY_PREFIX: storableString().min(1).max(64).default("mlp:"),
  /** Trust X-Forwarded-For / X-Forwarded-Proto (only behind a reverse proxy you run). */
  TRUST_PROXY: booleanFromString.default(false),
  TEACHER_SESSION_DAYS: positiveInt.max(365).default(30),
  // Abuse limits: each default and its reason is in server/security/limits.ts.
  /** How long failed sign-ins count towards the delays. */
  SIGNIN_WINDOW_SECONDS: positiveInt.default(DEFAULT_SIGNIN_WINDOW_SECONDS),
  /** The longest delay one (email, address) pair's failures impose on its next sign-in. */
  SIGNIN_DELAY_CAP_MS: nonNegativeInt.max(60_000).default(DEFAULT_SIGNIN_DELAY_CAP_MS),
  /** The longest delay an email's failures from anywhere impose on anyone signing in to it. */
  SIGNIN_EMAIL_DELAY_CAP_MS: nonNegativeInt.max(60_000).default(DEFAULT_SIGNIN_EMAIL_DELAY_CAP_MS),
  SIGNUPS_PER_IP_PER_HOUR: positiveInt.default(DEFAULT_SIGNUPS_PER_IP_PER_HOUR),
  /** argon2 hashes computed at once (19 MiB each). */
  ARGON2_MAX_CONCURRENT: positiveInt.max(16).default(DEFAULT_ARGON2_MAX_CONCURRENT),
  /** How long an address's unknown join codes count towards its delay. */
  JOIN_WINDOW_SECONDS: positiveInt.default(DEFAULT_JOIN_WINDOW_SECONDS),
  /** The longest delay of a join attempt from an address that sent unknown codes. */
  JOIN_DELAY_CAP_MS: nonNegativeInt.max(60_000).default(DEFAULT_JOIN_DELAY_CAP_MS),
  /** Unknown join codes per minute from everyone together before guessing addresses are refused. */
  JOIN_UNKNOWN_CODES_PER_MINUTE: positiveInt.default(DEFAULT_JOIN_UNKNOWN_CODES_PER_MINUTE),
  /** Joins per address per minute. */
  JOIN_RATE_PER_IP_PER_MINUTE: positiveInt.default(DEFAULT_JOIN_RATE_PER_IP_PER_MINUTE),
  /** Open socket connections per address. */
  SOCKETS_PER_ADDRESS_MAX: positiveInt.default(DEFAULT_SOCKETS_PER_ADDRESS_MAX),
  /** Socket connections per address that have not authenticated yet. */
  UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX: positiveInt.default(DEFAULT_UNAUTHENTICATED_SOCKETS_PER_ADDRESS_MAX),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses `source` (default `process.env`); empty strings count as unset. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment configuration:\n${problems.join("\n")}`);
}

/** Reads `.env` into process.env when present (variables already set win), like Next does. */
export function loadDotEnv(file = ".env"): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
