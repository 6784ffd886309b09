/**
 * `npm run simulate -- --url http://localhost:3000 --code ABC234 --students 30 [--speed max]`:
 * a class of bots that join, train with the real core at a student's pace and stream exactly as
 * browsers do. Ctrl-C (or --duration) stops them; the last line is a JSON summary.
 */
import { parseSimulateArgs, USAGE } from "../simulator/args";
import { formatStats } from "../simulator/class-stats";
import { runSimulatedClass } from "../simulator/run-simulated-class";

/** Exit code for bad arguments, as most CLIs use. */
const EXIT_USAGE = 2;

async function main(): Promise<void> {
  const parsed = parseSimulateArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${USAGE}`);
    process.exit(EXIT_USAGE);
  }
  const { args } = parsed;
  const log = (message: string) => console.log(`[simulate] ${message}`);
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  process.once("SIGTERM", () => controller.abort());
  const duration = args.duration === undefined ? "until Ctrl-C" : `for ${args.duration} s`;
  log(`${args.students} bots joining ${args.code} at ${args.url}, speed ${args.speed}, ${duration}`);
  const stats = await runSimulatedClass(args, {
    log,
    signal: controller.signal,
    statusIntervalMs: args.statusEvery * 1000,
    onStatus: (current) => log(formatStats(current)),
  });
  log(`done: ${formatStats(stats)}`);
  console.log(`SUMMARY ${JSON.stringify(stats)}`);
  if (stats.joined === 0) {
    console.error("[simulate] no bot could join: check --url and --code");
    process.exit(1);
  }
  // Sockets are closed; pending timers of stopped bots must not keep the process alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error("[simulate] failed:", error);
  process.exit(1);
});
