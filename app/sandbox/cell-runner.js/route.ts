import { nnBundle } from "./nn-bundle";
import { cellRunnerSource } from "./runner-source";

export const dynamic = "force-dynamic";

/**
 * GET /sandbox/cell-runner.js: the Web Worker that runs students' cell code. The custom server
 * gives every URL under /sandbox/ the sandbox Content-Security-Policy (server/http/security-headers.ts):
 * eval allowed, no connections, no workers — and that policy, not the page's, governs the worker.
 */
export async function GET(): Promise<Response> {
  try {
    const source = cellRunnerSource(await nnBundle());
    return new Response(source, {
      headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" },
    });
  } catch (error) {
    console.error("sandbox: could not build the cell runner", error);
    return new Response("// The cell runner is unavailable.", {
      status: 500,
      headers: { "content-type": "text/javascript; charset=utf-8" },
    });
  }
}
