/**
 * The `run` interface between the checker and whatever executes student code: in the browser the
 * sandbox Web Worker (/sandbox/cell-runner.js), in tests the same worker script in a Node vm.
 * Responses cross a trust boundary (student code chose the values), so they are parsed with zod.
 */
import { storableString } from "../storable-string";
import { z } from "../zod";

/** Which given functions the student's code sees as globals. */
export const GIVEN = {
  /** `relu` (the chapter's), for cells 1 and 2. */
  chapter: "chapter",
  /** `initMlp`, `mlpStep`, `relu` and friends from lib/ml/nn, for cell 3. */
  training: "training",
} as const;
/** One set of given functions. */
export type Given = (typeof GIVEN)[keyof typeof GIVEN];

/** How the runner returns what the entry function returned. */
export const OUTPUT = {
  /** Numbers, arrays, strings… copied as plain values (anything else is described as text). */
  values: "values",
  /** `{ net, losses }` from cell 3: the net as chapter weights, the losses as [step, loss] points. */
  training: "training",
} as const;
/** One output mode. */
export type Output = (typeof OUTPUT)[keyof typeof OUTPUT];

/** One run of student code: define `entry` with `code`, then call it once per `calls` entry. */
export type RunRequest = {
  code: string;
  entry: string;
  /** Earlier code whose function `helper.entry` the code may call (cell 2 calls cell 1's `linear`). */
  helper?: { code: string; entry: string };
  given: Given;
  output: Output;
  /** The arguments of each call; structured-cloneable (arrays, typed arrays, plain objects). */
  calls: unknown[][];
};

/** Why student code failed. `line` is 1-based within the student's own code, when known. */
export const codeErrorSchema = z.object({
  kind: z.enum(["syntax", "runtime", "timeout", "missing", "helper"]),
  message: storableString().max(2_000),
  line: z.int().min(1).nullable(),
});
/** A failure of student code. */
export type CodeError = z.output<typeof codeErrorSchema>;

/** One call's outcome. */
export const callResultSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: codeErrorSchema }),
]);
/** One call's outcome. */
export type CallResult = z.output<typeof callResultSchema>;

/** The runner's answer: a result per call, or an error that stopped every call (syntax, time). */
export const runResponseSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), results: z.array(callResultSchema).max(64) }),
  z.object({ ok: z.literal(false), error: codeErrorSchema }),
]);
/** The runner's answer. */
export type RunResponse = z.output<typeof runResponseSchema>;

/** Executes student code somewhere safe and answers; never rejects. */
export type RunCode = (request: RunRequest) => Promise<RunResponse>;
