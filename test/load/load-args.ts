/**
 * `npm run load -- [--students 300] [--duration 60] [--speed default] [--port 3310] [--heap-mb 384]
 * [--workers 2] [--cpu-prof] [--build]`, parsed with zod.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { SPEEDS } from "../../lib/training";

/** Students one load run may join: a lecture hall of 1,000 per process on a two-worker cluster. */
export const MAX_LOAD_STUDENTS = 2000;

export const loadArgsSchema = z.object({
  /** The issue's load: 300 students on one server process; 1,000 a lecture hall, 2,000 on a cluster. */
  students: z.coerce.number().int().min(1).max(MAX_LOAD_STUDENTS).default(300),
  /** Seconds of steady state measured after everyone joined. */
  duration: z.coerce.number().int().min(5).max(3600).default(60),
  speed: z.enum(SPEEDS).default("default"),
  /** Away from 3000 (a dev server) and 3210 (the e2e server). */
  port: z.coerce.number().int().min(1024).max(65_535).default(3310),
  /** Bots in this process whose send times are known, for latency. */
  probes: z.coerce.number().int().min(1).max(50).default(5),
  /**
   * Child processes that run the other bots, so bot CPU is not counted as server CPU; raised to
   * what the simulator's per-process cap (MAX_BOTS) needs.
   */
  children: z.coerce.number().int().min(1).max(8).default(2),
  /**
   * 0: one `npm start` process. N: `npm run start:cluster -- --workers N` with REDIS_URL (the
   * environment's, else the local 127.0.0.1:6379), CPU, RSS and event loop reported per process.
   */
  workers: z.coerce.number().int().min(0).max(8).default(0),
  /**
   * shared: bots with the same config replay one run trained once (same messages, a fraction of
   * the CPU), so 300 bots keep a browser's pace beside the server on 2 cores; own: every bot trains.
   */
  training: z.enum(["shared", "own"]).default("shared"),
  /** The server's V8 heap cap in MB; `npm start`'s 384 by default (what the README promises). */
  "heap-mb": z.coerce.number().int().min(64).max(16_384).default(384),
  /** Profile the server (`node --cpu-prof`) and print its top functions by self time. */
  "cpu-prof": z.boolean().default(false),
  /** Run `next build` first: the server only builds when there is no build at all. */
  build: z.boolean().default(false),
});
export type LoadArgs = z.output<typeof loadArgsSchema>;

/** Parses argv; returns the options or a message for the user. Never throws. */
export function parseLoadArgs(argv: readonly string[]): { ok: true; args: LoadArgs } | { ok: false; message: string } {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        ...Object.fromEntries(Object.keys(loadArgsSchema.shape).map((key) => [key, { type: "string" as const }])),
        build: { type: "boolean" },
        "cpu-prof": { type: "boolean" },
      },
    });
    const parsed = loadArgsSchema.safeParse(values);
    if (parsed.success) return { ok: true, args: parsed.data };
    return {
      ok: false,
      message: parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("\n"),
    };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
