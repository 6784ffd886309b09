/**
 * The browser's `run` (lib/cells RunCode): student code runs in a dedicated Web Worker loaded from
 * /sandbox/cell-runner.js, which the server sends with the sandbox Content-Security-Policy (eval
 * only: no connections, no nested workers). One fresh worker per run, so nothing a run leaves
 * behind reaches the next; the next one is started ahead of time, so a run never waits for it.
 */
import {
  CELL_TIME_LIMIT_MS,
  type CodeError,
  type RunCode,
  type RunResponse,
  runResponseSchema,
  TIMEOUT_MESSAGE,
} from "@/lib/cells";
import { z } from "@/lib/zod";
import { syntaxErrorLine } from "./syntax-line";

/** The sandbox worker's URL; everything under /sandbox/ gets the sandbox policy. */
export const CELL_RUNNER_URL = "/sandbox/cell-runner.js";

const answerSchema = z.object({ id: z.int(), response: runResponseSchema });

/** A runner and the way to stop its spare worker when the page goes. */
export type SandboxRunner = { run: RunCode; dispose(): void };

/** Creates the page's sandbox runner. Call `dispose` on unmount. */
export function createSandboxRunner(): SandboxRunner {
  let spare: Worker | null = new Worker(CELL_RUNNER_URL);
  let nextId = 1;
  const take = (): Worker => {
    const worker = spare ?? new Worker(CELL_RUNNER_URL);
    spare = new Worker(CELL_RUNNER_URL);
    return worker;
  };

  const run: RunCode = (request) =>
    new Promise<RunResponse>((resolve) => {
      const worker = take();
      const id = nextId++;
      let isDone = false;
      const done = (response: RunResponse) => {
        if (isDone) return;
        isDone = true;
        clearTimeout(timer);
        worker.terminate();
        resolve(withSyntaxLine(response, request.code));
      };
      // An endless loop never answers: end the worker (its thread stops at once) and say why.
      const timer = setTimeout(() => done(failure("timeout", TIMEOUT_MESSAGE)), CELL_TIME_LIMIT_MS);
      worker.onmessage = (event: MessageEvent<unknown>) => {
        const parsed = answerSchema.safeParse(event.data);
        if (!parsed.success) return done(failure("runtime", "The code runner sent an unreadable answer."));
        if (parsed.data.id === id) done(parsed.data.response);
      };
      worker.onerror = (event: Event) => {
        // An ErrorEvent is an error the student's code left behind (e.g. in a timer): the run still
        // answers. A plain Event means the runner itself could not load.
        if (event instanceof ErrorEvent) {
          event.preventDefault();
          return;
        }
        done(failure("runtime", "The code runner could not start. Reload the page and try again."));
      };
      worker.postMessage({ id, request });
    });

  return {
    run,
    dispose: () => {
      spare?.terminate();
      spare = null;
    },
  };
}

function failure(kind: CodeError["kind"], message: string): RunResponse {
  return { ok: false, error: { kind, message, line: null } };
}

/** V8 does not say where `new Function` found a syntax error; the editor's parser does. */
function withSyntaxLine(response: RunResponse, code: string): RunResponse {
  if (response.ok || response.error.kind !== "syntax" || response.error.line !== null) return response;
  return { ok: false, error: { ...response.error, line: syntaxErrorLine(code) } };
}
