/**
 * A student's point edits, applied to the room: checked against the run and the teacher's
 * switch, appended to the run's log (stored by the hub's hook before the ack), and flagged on the
 * tile. Pure and never throws, like the rest of the room.
 */
import { ERROR_CODE, type RunEdit } from "../../lib/protocol";
import { MAX_POINT_EDITS, type PointEdit } from "../../lib/training/point-edits";
import { STUDENT_EVENT_RATES } from "../security/limits";
import { takeToken } from "../security/token-bucket";
import { markEdited } from "./room-marks";
import { fail, findActiveMember, type RoomResult, type RoomState } from "./room-state";
import { memberSettings } from "./room-views";

/** Appends one edit to the participant's current run; returns the run's whole log for storage. */
export function editRun(
  state: RoomState,
  now: () => number,
  participantId: string,
  request: RunEdit,
): RoomResult<{ runId: string; edits: readonly PointEdit[] }> {
  const found = findActiveMember(state, participantId);
  if (!found.ok) return found;
  const { member } = found;
  const run = member.run;
  if (!run?.isActive || run.id !== request.runId) return fail(ERROR_CODE.staleRun, "Not your current run");
  if (!memberSettings(state, member).allowPointEdits)
    return fail(ERROR_CODE.editsForbidden, "Your teacher has turned off adding points");
  if (run.edits.length >= MAX_POINT_EDITS)
    return fail(ERROR_CODE.editsForbidden, `At most ${MAX_POINT_EDITS} point edits per run: start a new run`);
  const last = run.edits[run.edits.length - 1];
  if (request.edit.step > run.config.steps || (last !== undefined && request.edit.step < last.step))
    return fail(ERROR_CODE.invalidPayload, "An edit's step must not go back or beyond the run");
  if (!takeToken(member.rates.runEdit, STUDENT_EVENT_RATES.runEdit, now()))
    return fail(ERROR_CODE.rateLimited, "Points edited too fast: wait a moment");
  run.edits.push(request.edit);
  markEdited(state, member);
  return { ok: true, runId: run.id, edits: run.edits };
}
