import { z } from "zod";
import { storableString } from "@/lib/storable-string";

const booleanFromString = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

const positiveInt = z.coerce.number().int().positive();

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
  /** Trust X-Forwarded-For / X-Forwarded-Proto (only behind a reverse proxy you run). */
  TRUST_PROXY: booleanFromString.default(false),
  TEACHER_SESSION_DAYS: positiveInt.max(365).default(30),
  /** Failed teacher sign-ins allowed per window, per IP and per email. */
  SIGNIN_FAILURES_PER_IP: positiveInt.default(10),
  SIGNIN_FAILURES_PER_EMAIL: positiveInt.default(10),
  SIGNIN_WINDOW_SECONDS: positiveInt.default(15 * 60),
  /** Failed join attempts (unknown codes) allowed per IP and window. Successful joins are never limited. */
  JOIN_FAILURES_PER_IP: positiveInt.default(30),
  JOIN_WINDOW_SECONDS: positiveInt.default(10 * 60),
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
