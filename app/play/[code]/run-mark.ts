/**
 * Where this browser's run was, kept per join code in localStorage: the run id, its step, whether
 * it was training, and the speed. After a reload the page rebuilds that run (training is
 * deterministic) and continues it, so a reload resumes the participant *with their run*.
 */

import { idSchema, stepSchema } from "@/lib/protocol";
import { SPEEDS } from "@/lib/training";
import { z } from "@/lib/zod";
import { storedJson } from "../../_components/stored-json";

const KEY_PREFIX = "mlp-classroom:run:";

const runMarkSchema = z.object({
  runId: idSchema,
  step: stepSchema,
  isTraining: z.boolean(),
  speed: z.enum(SPEEDS),
});
/** A saved run position. */
export type RunMark = z.output<typeof runMarkSchema>;

const store = storedJson(KEY_PREFIX, runMarkSchema);

/** The saved run for `code`, or null (none, unreadable, or storage blocked). */
export const loadRunMark = (code: string): RunMark | null => store.load(code);

/** Saves the run position; blocked storage only loses the resume (a reload offers a new run). */
export function saveRunMark(code: string, mark: RunMark): void {
  store.save(code, mark);
}
