/**
 * The sandbox worker's own code, as plain JavaScript text (not a Next chunk: it must be one
 * self-contained script, served under /sandbox/ with the sandbox Content-Security-Policy).
 *
 * Protocol: the page posts `{ id, request }` (lib/cells RunRequest) once; the worker answers
 * `{ id, response }` (lib/cells RunResponse) once. The page uses a fresh worker per run and
 * terminates it after the answer or after CELL_TIME_LIMIT_MS, so no state survives a run.
 *
 * CSP (connect-src 'none', worker-src 'none', no script source but eval) blocks fetch, XHR,
 * WebSocket, EventSource, importScripts and nested workers. What CSP does not cover — storage
 * shared with the page's origin (indexedDB, caches), same-origin messaging (BroadcastChannel, Web
 * Locks via navigator) — is removed here before any student code runs, from the global object and
 * every prototype on its chain, so it cannot be fetched back from a prototype either.
 */

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

/**
 * The worker script: `nnBundle` must define `var nn` (lib/ml/nn as an IIFE). It is wrapped in this
 * script's own function scope so student code cannot reach or patch it as a global.
 */
export function cellRunnerSource(nnBundle: string): string {
  return `"use strict";
(function () {
${nnBundle}
var scope = self;
var post = scope.postMessage.bind(scope);
var CELL_URL = "cell.js";
var HELPER_URL = "cell-helper.js";
var HIDDEN = ${JSON.stringify(HIDDEN_GLOBALS)};
var MAX_ARRAY_ITEMS = ${MAX_ARRAY_ITEMS};
var MAX_CURVE_POINTS = ${MAX_CURVE_POINTS};
var MAX_STRING_CHARS = ${MAX_STRING_CHARS};

function hide(name) {
  for (var target = scope; target; target = Object.getPrototypeOf(target)) {
    try { if (Object.prototype.hasOwnProperty.call(target, name)) delete target[name]; } catch (e) {}
  }
  try { Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false }); } catch (e) {}
}

function messageOf(error) {
  if (error && typeof error === "object" && "message" in error) return String(error.name || "Error") + ": " + String(error.message);
  return "Thrown: " + String(error);
}

/** The 1-based line in the student's code of the first stack frame in it, and which code it is. */
function locate(error, offset) {
  var stack = error && typeof error === "object" ? String(error.stack || "") : "";
  var match = /(cell(?:-helper)?\\.js):(\\d+):\\d+/.exec(stack);
  if (!match) return { line: null, isHelper: false };
  var line = Number(match[2]) - offset;
  return { line: line >= 1 ? line : null, isHelper: match[1] === HELPER_URL };
}

// new Function puts a header before the body; measure how many lines it adds in this engine.
var lineOffset = 2;
try { new Function("throw new Error('probe')\\n//# sourceURL=" + CELL_URL)(); } catch (error) {
  var probe = /cell\\.js:(\\d+):\\d+/.exec(String(error.stack || ""));
  if (probe) lineOffset = Number(probe[1]) - 1;
}

function fail(kind, error, helperEntry) {
  var where = locate(error, lineOffset);
  var message = messageOf(error);
  if (where.isHelper) return { kind: kind, message: "in your " + helperEntry + " (previous cell), line " + where.line + ": " + message, line: null };
  return { kind: kind, message: message, line: where.line };
}

function compile(code, entry, names, values, url) {
  var body = String(code) + "\\n;return typeof " + entry + " === \\"function\\" ? " + entry + " : undefined;\\n//# sourceURL=" + url;
  var factory = Function.apply(null, names.concat([body]));
  return factory.apply(undefined, values);
}

function givenFor(kind) {
  if (kind === "training") {
    return { initMlp: nn.initMlp, mlpStep: nn.mlpStep, relu: nn.relu, linear: nn.linear, mlpForward: nn.mlpForward };
  }
  return { relu: nn.relu };
}

function plain(value, depth) {
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return value;
  if (typeof value === "string") return value.slice(0, MAX_STRING_CHARS);
  if (ArrayBuffer.isView(value) && typeof value.length === "number") value = Array.prototype.slice.call(value, 0, MAX_ARRAY_ITEMS);
  if (Array.isArray(value)) {
    if (depth > 3) return "[…]";
    var out = [];
    for (var i = 0; i < value.length && i < MAX_ARRAY_ITEMS; i++) out.push(plain(value[i], depth + 1));
    return out;
  }
  return "(" + (typeof value === "function" ? "a function" : "an object") + ")";
}

function allFinite(rows) {
  return rows.every(function (row) { return (Array.isArray(row) ? row : [row]).every(Number.isFinite); });
}

function trained(value) {
  if (!value || typeof value !== "object" || !value.net) throw new Error("trainXor must return { net, losses }");
  var weights = nn.toChapterWeights(value.net);
  var isFinite = allFinite(weights.w1) && allFinite(weights.b1) && allFinite(weights.w2) && allFinite(weights.b2);
  var losses = Array.isArray(value.losses) ? value.losses : [];
  var stride = Math.max(1, Math.ceil(losses.length / MAX_CURVE_POINTS));
  var curve = [];
  for (var i = 0; i < losses.length; i += stride) {
    var loss = losses[i];
    curve.push([i, typeof loss === "number" && Number.isFinite(loss) ? loss : null]);
  }
  return { weights: isFinite ? weights : null, curve: curve };
}

async function run(request) {
  var given = givenFor(request.given);
  var names = Object.keys(given);
  var values = names.map(function (name) { return given[name]; });
  var helperEntry = request.helper ? request.helper.entry : "";
  if (request.helper) {
    var helper;
    try { helper = compile(request.helper.code, helperEntry, names, values, HELPER_URL); } catch (error) { helper = undefined; }
    if (typeof helper !== "function") {
      helper = function () { throw new Error("your " + helperEntry + " from the previous cell does not run yet: fix that cell first"); };
    }
    names = names.concat([helperEntry]);
    values = values.concat([helper]);
  }
  var fn;
  try { fn = compile(request.code, request.entry, names, values, CELL_URL); } catch (error) {
    return { ok: false, error: fail(error instanceof SyntaxError ? "syntax" : "runtime", error, helperEntry) };
  }
  if (typeof fn !== "function") {
    return { ok: false, error: { kind: "missing", message: "Define a function named " + request.entry, line: null } };
  }
  var results = [];
  for (var i = 0; i < request.calls.length; i++) {
    try {
      var value = fn.apply(undefined, request.calls[i]);
      if (value && typeof value.then === "function") value = await value;
      results.push({ ok: true, value: request.output === "training" ? trained(value) : plain(value, 0) });
    } catch (error) {
      results.push({ ok: false, error: fail("runtime", error, helperEntry) });
    }
  }
  return { ok: true, results: results };
}

scope.onmessage = function (event) {
  scope.onmessage = null;
  var data = event.data || {};
  run(data.request || {}).then(
    function (response) { post({ id: data.id, response: response }); },
    function (error) { post({ id: data.id, response: { ok: false, error: { kind: "runtime", message: messageOf(error), line: null } } }); }
  );
};

HIDDEN.forEach(hide);
})();
`;
}
