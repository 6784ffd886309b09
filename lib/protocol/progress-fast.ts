/**
 * progress:update checked by hand: the hottest message (4 a second from every training student,
 * 4,000 a second in a lecture hall of 1,000) skips zod's object machinery when it is well formed.
 * The fast check applies the same rules as {@link progressUpdateSchema} (a test holds the two
 * to the same verdicts); anything it does not accept goes through the schema, so a refusal
 * names its problem exactly as before.
 */
import { STEPS_MAX } from "../classroom/settings";
import { isStorableText } from "../storable-string";
import { lossPointsProblem } from "./common";
import { MAP_BYTES, MAX_ID_LENGTH, MAX_LOSS_POINTS_PER_UPDATE } from "./limits";
import { type ProgressUpdate, progressUpdateSchema } from "./student";
import { type ValidationResult, validate } from "./validate";

/**
 * `payload` as a progress update, or INVALID_PAYLOAD naming what is wrong; never throws.
 *
 * @example
 * const parsed = parseProgressUpdate(payload); // same verdict as validate(progressUpdateSchema, payload)
 */
export function parseProgressUpdate(payload: unknown): ValidationResult<ProgressUpdate> {
  const update = fastProgressUpdate(payload);
  return update ? { ok: true, data: update } : validate(progressUpdateSchema, payload);
}

/** The update when it is plainly well formed, else null (the schema then decides). */
function fastProgressUpdate(payload: unknown): ProgressUpdate | null {
  try {
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null;
    const { runId, step, accuracy, points, map } = payload as Record<string, unknown>;
    if (typeof runId !== "string" || runId.length < 1 || runId.length > MAX_ID_LENGTH || !isStorableText(runId))
      return null;
    if (typeof step !== "number" || !Number.isSafeInteger(step) || step < 0 || step > STEPS_MAX) return null;
    if (typeof accuracy !== "number" || !(accuracy >= 0 && accuracy <= 1)) return null;
    if (lossPointsProblem(points, MAX_LOSS_POINTS_PER_UPDATE) !== null) return null;
    const update: ProgressUpdate = { runId, step, accuracy, points: points as ProgressUpdate["points"] };
    if (map === undefined) return update;
    // As mapBytesSchema: a copy, so the room never pins a pooled network buffer.
    if (map instanceof Uint8Array && map.byteLength === MAP_BYTES) update.map = new Uint8Array(map);
    else if (map instanceof ArrayBuffer && map.byteLength === MAP_BYTES) update.map = new Uint8Array(map.slice(0));
    else return null;
    return update;
  } catch {
    // A getter that throws: the schema's path answers it.
    return null;
  }
}
