/**
 * The sandbox worker that runs students' cell code, served as /sandbox/cell-runner.js. `next build`
 * bundles it with lib/ml/nn into one classic script (app/sandbox/build-cell-runner.mjs, called from
 * next.config.js) inside its own function scope, so student code cannot reach or patch `nn`.
 *
 * Protocol: the page posts `{ id, request }` (lib/cells RunRequest) once; the worker answers
 * `{ id, response }` (lib/cells RunResponse) once. The page uses a fresh worker per run and
 * terminates it after the answer or after CELL_TIME_LIMIT_MS, so no state survives a run.
 *
 * CSP (connect-src 'none', worker-src 'none', no script source but eval; server/http/security-headers.ts)
 * blocks fetch, XHR, WebSocket, EventSource, importScripts and nested workers. What CSP does not
 * cover — storage shared with the page's origin (indexedDB, caches), same-origin messaging
 * (BroadcastChannel, Web Locks via navigator) — is removed here before any student code runs, from
 * the global object and every prototype on its chain, so it cannot be fetched back from a prototype.
 */
import type { CallResult, CodeError, Given, RunRequest, RunResponse } from "@/lib/cells/runner";
import * as nn from "@/lib/ml/nn";

/** Globals the CSP does not cover, removed before student code runs. */
export const HIDDEN_GLOBALS = [
  "indexedDB",
  "caches",
  "BroadcastChannel",
  "navigator",
  "webkitRequestFileSystem",
  "webkitRequestFileSystemSync",
  "webkitResolveLocalFileSystemURL",
  "postMessage",
] as const;

/** Most array elements copied back per value: the cells' vectors have ≤ 4; more is a mistake. */
const MAX_ARRAY_ITEMS = 64;
/** Most curve points cell 3 sends back (lib/cells accepts ≤ 2,000; one per pixel of a chart). */
const MAX_CURVE_POINTS = 1_000;
/** Longest string copied back. */
const MAX_STRING_CHARS = 200;
/** Deepest nesting copied back; deeper arrays become "[…]". */
const MAX_DEPTH = 3;
/** The file names student code gets in stack traces, to find its line numbers. */
const CELL_URL = "cell.js";
const HELPER_URL = "cell-helper.js";

/** What this script needs of the worker's global (the project's tsconfig types `self` as a Window). */
type WorkerScope = {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
};
type AnyFunction = (...args: unknown[]) => unknown;

const scope = globalThis as unknown as WorkerScope;
// Bound before `postMessage` is hidden from student code.
const post = scope.postMessage.bind(scope);

function hide(name: string): void {
  for (let target: object | null = scope; target; target = Object.getPrototypeOf(target)) {
    try {
      if (Object.hasOwn(target, name)) delete (target as Record<string, unknown>)[name];
    } catch {}
  }
  try {
    Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false });
  } catch {}
}

function messageOf(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) {
    const name = "name" in error && error.name ? String(error.name) : "Error";
    return `${name}: ${String(error.message)}`;
  }
  return `Thrown: ${String(error)}`;
}

function stackOf(error: unknown): string {
  return error && typeof error === "object" && "stack" in error ? String(error.stack || "") : "";
}

/** The 1-based line in the student's code of the first stack frame in it, and which code it is. */
function locate(error: unknown, offset: number): { line: number | null; isHelper: boolean } {
  const match = /(cell(?:-helper)?\.js):(\d+):\d+/.exec(stackOf(error));
  if (!match) return { line: null, isHelper: false };
  const line = Number(match[2]) - offset;
  return { line: line >= 1 ? line : null, isHelper: match[1] === HELPER_URL };
}

/** How many lines `new Function` puts before the body in this engine (measured, not assumed). */
function measureLineOffset(): number {
  try {
    new Function(`throw new Error('probe')\n//# sourceURL=${CELL_URL}`)();
  } catch (error) {
    const probe = /cell\.js:(\d+):\d+/.exec(stackOf(error));
    if (probe) return Number(probe[1]) - 1;
  }
  return 2;
}
const lineOffset = measureLineOffset();

function fail(kind: CodeError["kind"], error: unknown, helperEntry: string): CodeError {
  const where = locate(error, lineOffset);
  const message = messageOf(error);
  if (where.isHelper) {
    return { kind, message: `in your ${helperEntry} (previous cell), line ${where.line}: ${message}`, line: null };
  }
  return { kind, message, line: where.line };
}

/** Student code as a function of the given names, in the global scope (`Function`, not eval). */
function compile(code: string, entry: string, names: string[], values: unknown[], url: string): unknown {
  const body = `${String(code)}\n;return typeof ${entry} === "function" ? ${entry} : undefined;\n//# sourceURL=${url}`;
  const factory = Function(...names, body) as AnyFunction;
  return factory(...values);
}

function givenFor(kind: Given): Record<string, unknown> {
  if (kind === "training") {
    return { initMlp: nn.initMlp, mlpStep: nn.mlpStep, relu: nn.relu, linear: nn.linear, mlpForward: nn.mlpForward };
  }
  return { relu: nn.relu };
}

function plain(value: unknown, depth: number): unknown {
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return value;
  if (typeof value === "string") return value.slice(0, MAX_STRING_CHARS);
  let list = value;
  if (ArrayBuffer.isView(value) && "length" in value && typeof value.length === "number") {
    list = Array.prototype.slice.call(value, 0, MAX_ARRAY_ITEMS);
  }
  if (Array.isArray(list)) {
    if (depth > MAX_DEPTH) return "[…]";
    const items: unknown[] = list;
    // Index by index, so holes come back as undefined rather than being skipped.
    return Array.from({ length: Math.min(items.length, MAX_ARRAY_ITEMS) }, (_, i) => plain(items[i], depth + 1));
  }
  return `(${typeof value === "function" ? "a function" : "an object"})`;
}

function allFinite(rows: unknown[]): boolean {
  return rows.every((row) => (Array.isArray(row) ? row : [row]).every(Number.isFinite));
}

function trained(value: unknown): { weights: nn.ChapterWeights | null; curve: [number, number | null][] } {
  if (!value || typeof value !== "object" || !("net" in value) || !value.net) {
    throw new Error("trainXor must return { net, losses }");
  }
  const weights = nn.toChapterWeights(value.net as nn.Mlp);
  const areFinite = allFinite(weights.w1) && allFinite(weights.b1) && allFinite(weights.w2) && allFinite(weights.b2);
  const losses: unknown[] = "losses" in value && Array.isArray(value.losses) ? value.losses : [];
  const stride = Math.max(1, Math.ceil(losses.length / MAX_CURVE_POINTS));
  const curve: [number, number | null][] = [];
  for (let i = 0; i < losses.length; i += stride) {
    const loss = losses[i];
    curve.push([i, typeof loss === "number" && Number.isFinite(loss) ? loss : null]);
  }
  return { weights: areFinite ? weights : null, curve };
}

async function run(request: RunRequest): Promise<RunResponse> {
  const given = givenFor(request.given);
  let names = Object.keys(given);
  let values = names.map((name) => given[name]);
  const helperEntry = request.helper ? request.helper.entry : "";
  if (request.helper) {
    let helper: unknown;
    try {
      helper = compile(request.helper.code, helperEntry, names, values, HELPER_URL);
    } catch {
      helper = undefined;
    }
    if (typeof helper !== "function") {
      helper = () => {
        throw new Error(`your ${helperEntry} from the previous cell does not run yet: fix that cell first`);
      };
    }
    names = [...names, helperEntry];
    values = [...values, helper];
  }
  let fn: unknown;
  try {
    fn = compile(request.code, request.entry, names, values, CELL_URL);
  } catch (error) {
    return { ok: false, error: fail(error instanceof SyntaxError ? "syntax" : "runtime", error, helperEntry) };
  }
  if (typeof fn !== "function") {
    return { ok: false, error: { kind: "missing", message: `Define a function named ${request.entry}`, line: null } };
  }
  const results: CallResult[] = [];
  for (const args of request.calls) {
    try {
      let value: unknown = (fn as AnyFunction)(...args);
      if (value && typeof (value as { then?: unknown }).then === "function") value = await value;
      results.push({ ok: true, value: request.output === "training" ? trained(value) : plain(value, 0) });
    } catch (error) {
      results.push({ ok: false, error: fail("runtime", error, helperEntry) });
    }
  }
  return { ok: true, results };
}

scope.onmessage = (event) => {
  scope.onmessage = null;
  // The page's own message; anything malformed fails inside `run` and is answered as a runtime error.
  const data = (event.data || {}) as { id?: unknown; request?: RunRequest };
  run(data.request ?? ({} as RunRequest)).then(
    (response) => post({ id: data.id, response }),
    (error: unknown) =>
      post({ id: data.id, response: { ok: false, error: { kind: "runtime", message: messageOf(error), line: null } } }),
  );
};

HIDDEN_GLOBALS.forEach(hide);
