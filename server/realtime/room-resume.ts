/**
 * progress:resume applied to the room: a student who reconnects (after being offline, or to a
 * restarted server that never saw their points) sends their run's whole curve so far, which
 * replaces the room's, so the teacher's tile and the stored run have no gap.
 */
import { ERROR_CODE, type ProgressResume, SNAPSHOT_CURVE_POINTS } from "../../lib/protocol";
import { STUDENT_EVENT_RATES } from "../security/limits";
import { takeToken } from "../security/token-bucket";
import { replaceCurve } from "./room-member";
import { isWithinRun, noteTarget } from "./room-runs";
import { fail, findActiveMember, markDirty, type RoomResult, type RoomState } from "./room-state";

/**
 * Replaces the current run's curve, step, accuracy and map with the student's. The frame carries
 * {@link SNAPSHOT_CURVE_POINTS} of it, as a late teacher's snapshot would: a reconnect wave of
 * 1,000 students must not send a million points to each teacher.
 */
export function resumeRun(
  state: RoomState,
  now: () => number,
  participantId: string,
  resume: ProgressResume,
): RoomResult {
  const found = findActiveMember(state, participantId);
  if (!found.ok) return found;
  const { member } = found;
  const run = member.run;
  if (!run?.isActive || run.id !== resume.runId) return fail(ERROR_CODE.staleRun, "Not your current run");
  if (!isWithinRun(run, resume.step, resume.curve))
    return fail(ERROR_CODE.invalidPayload, "Step beyond the run's steps");
  const at = now();
  if (!takeToken(member.rates.progressResume, STUDENT_EVENT_RATES.progressResume, at)) {
    return fail(ERROR_CODE.rateLimited, "Resumed too often");
  }
  if (resume.map) {
    member.map = resume.map;
    member.lastMapAt = at;
  }
  replaceCurve(member, resume.curve, SNAPSHOT_CURVE_POINTS);
  member.step = Math.max(member.step, resume.step);
  if (resume.accuracy !== null) {
    member.accuracy = resume.accuracy;
    noteTarget(run, resume.accuracy, resume.step);
  }
  member.isProgressDirty = true;
  markDirty(state, member);
  return { ok: true };
}
