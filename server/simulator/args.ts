/**
 * The simulator's command line, parsed with zod so a typo stops with a usage line instead of a
 * class of confused bots.
 */

import { parseArgs } from "node:util";
import { z } from "zod";
import { storableString } from "@/lib/storable-string";
import { joinCodeSchema } from "../../lib/classroom/join-code";
import { NICKNAME_MAX_LENGTH } from "../../lib/classroom/nickname";
import { SPEEDS, type Speed } from "../../lib/training";

/** One process comfortably runs a 300-student load test; 1,000 bounds a typo like --students 30000. */
export const MAX_BOTS = 1000;
/** A class period is under two hours; longer runs are a forgotten terminal. */
export const MAX_DURATION_SECONDS = 2 * 60 * 60;
/** Room for " 1000" after the prefix within a nickname. */
const NAME_PREFIX_MAX_LENGTH = NICKNAME_MAX_LENGTH - 5;

export const USAGE = [
  "Usage: npm run simulate -- --url <http://host:port> --code <JOIN CODE> --students <N>",
  "         [--speed slow|default|fast|max] [--duration <seconds>] [--vary-seeds] [--shared-training] [--first <n>] [--name <prefix>] [--status-every <s>]",
  "  --speed       the student page's speeds; default: its default pace, max: as fast as the core allows",
  "  --duration    stop after this many seconds (default: until Ctrl-C)",
  "  --vary-seeds  bot i asks for init seed i (if the teacher left it unlocked)",
  "  --shared-training  bots with the same config replay one run trained once (light: 300 bots on 2 cores)",
  "  --first       number of the first bot (nicknames 'Bot <first>'…); default 1",
  "  --name        nickname prefix; default 'Bot'",
  "  --status-every seconds between status lines; default 5",
].join("\n");

/** Parsed and checked arguments. */
export const simulateArgsSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "--url must be an http:// or https:// URL" })
    .transform((url) => url.replace(/\/+$/, "")),
  code: joinCodeSchema,
  students: z.coerce.number().int().min(1).max(MAX_BOTS),
  speed: z.enum(SPEEDS).default("default"),
  duration: z.coerce.number().positive().max(MAX_DURATION_SECONDS).optional(),
  varySeeds: z.boolean().default(false),
  sharedTraining: z.boolean().default(false),
  first: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_BOTS * 100)
    .default(1),
  name: storableString().trim().min(1).max(NAME_PREFIX_MAX_LENGTH).default("Bot"),
  /** Seconds between status lines: 5 is readable; the load test asks for 1 to measure rates. */
  statusEvery: z.coerce.number().int().min(1).max(3600).default(5),
});
/** The simulator's options. */
export type SimulateArgs = z.output<typeof simulateArgsSchema> & { speed: Speed };

/** A parse outcome: the options, or a message to print above {@link USAGE}. */
export type ParseResult = { ok: true; args: SimulateArgs } | { ok: false; message: string };

/**
 * Parses `argv` (without node and script). Never throws.
 *
 * @example
 * parseSimulateArgs(["--url", "http://localhost:3000", "--code", "ABC234", "--students", "30"])
 */
export function parseSimulateArgs(argv: readonly string[]): ParseResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: "string" },
        code: { type: "string" },
        students: { type: "string" },
        speed: { type: "string" },
        duration: { type: "string" },
        "vary-seeds": { type: "boolean" },
        "shared-training": { type: "boolean" },
        first: { type: "string" },
        name: { type: "string" },
        "status-every": { type: "string" },
      },
    }));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const { "vary-seeds": varySeeds, "shared-training": sharedTraining, "status-every": statusEvery, ...rest } = values;
  const parsed = simulateArgsSchema.safeParse({ ...rest, varySeeds, sharedTraining, statusEvery });
  if (parsed.success) return { ok: true, args: parsed.data };
  const toOption = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  const problems = parsed.error.issues.map((issue) => `--${toOption(issue.path.join(".")) || "?"}: ${issue.message}`);
  return { ok: false, message: problems.join("\n") };
}
