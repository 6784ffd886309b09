/**
 * The `run` interface for tests: the sandbox worker's own script, bundled as `next build` bundles
 * it (app/sandbox/build-cell-runner.mjs), in a Node vm context, with a time limit. Same script, same V8 as Chromium; what differs is only the host
 * (no CSP here — the escapes are tested in Chromium, test/e2e/cells-sandbox.spec.ts).
 */

import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { bundleCellRunner } from "@/app/sandbox/build-cell-runner.mjs";
import { CELL_TIME_LIMIT_MS, type RunCode, type RunResponse, runResponseSchema, TIMEOUT_MESSAGE } from "@/lib/cells";

/** Typed arrays cross into the vm context as tagged lists and are rebuilt with the context's own constructors. */
const TYPED_TAG = "__float64__";

/** A runner for tests; `timeLimitMs` defaults to the browser's limit. */
export async function createNodeRunner(timeLimitMs: number = CELL_TIME_LIMIT_MS): Promise<RunCode> {
  const root = path.resolve(import.meta.dirname, "../../..");
  const script = new vm.Script(await bundleCellRunner(root), { filename: "cell-runner.js" });
  return async (request) => {
    const context = vm.createContext({});
    let answer: (message: unknown) => void = () => {};
    const answered = new Promise<unknown>((resolve) => {
      answer = resolve;
    });
    // Structured clone, as postMessage does: NaN and undefined survive, objects arrive in this realm.
    context.__post = (message: unknown) => answer(v8.deserialize(v8.serialize(message)));
    vm.runInContext("globalThis.self = globalThis; globalThis.postMessage = (m) => __post(m);", context);
    script.runInContext(context);
    context.__request = JSON.stringify({ id: 1, request }, (_key, value: unknown) =>
      value instanceof Float64Array ? { [TYPED_TAG]: Array.from(value) } : value,
    );
    const dispatch = `self.onmessage({ data: JSON.parse(__request, (k, v) => v && typeof v === "object" && "${TYPED_TAG}" in v ? new Float64Array(v["${TYPED_TAG}"]) : v) })`;
    try {
      vm.runInContext(dispatch, context, { timeout: timeLimitMs });
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") return timeout();
      throw error;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), timeLimitMs);
    });
    const message = await Promise.race([answered, late]);
    clearTimeout(timer);
    if (message === "late") return timeout();
    return runResponseSchema.parse((message as { response: unknown }).response);
  };
}

function timeout(): RunResponse {
  return { ok: false, error: { kind: "timeout", message: TIMEOUT_MESSAGE, line: null } };
}
