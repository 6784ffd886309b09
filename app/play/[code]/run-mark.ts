/**
 * Where this browser's run was, kept per join code in localStorage: the run id, its step, whether
 * it was training, and the speed. After a reload the page rebuilds that run (training is
 * deterministic) and continues it, so a reload resumes the participant *with their run*.
 */
import { z } from "@/lib/zod";
import { idSchema, stepSchema } from "@/lib/protocol";
import { SPEEDS } from "@/lib/training";

const KEY_PREFIX = "mlp-classroom:run:";

const runMarkSchema = z.object({
  runId: idSchema,
  step: stepSchema,
  isTraining: z.boolean(),
  speed: z.enum(SPEEDS),
});
/** A saved run position. */
export type RunMark = z.output<typeof runMarkSchema>;

/** The saved run for `code`, or null (none, unreadable, or storage blocked). */
export function loadRunMark(code: string): RunMark | null {
  try {
    const raw = window.localStorage.getItem(KEY_PREFIX + code);
    if (raw === null) return null;
    const parsed = runMarkSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Saves the run position; a blocked storage only loses the resume, nothing else. */
export function saveRunMark(code: string, mark: RunMark): void {
  try {
    window.localStorage.setItem(KEY_PREFIX + code, JSON.stringify(mark));
  } catch {
    // Private mode or full storage: a reload will offer a new run instead of resuming.
  }
}
