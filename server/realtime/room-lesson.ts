/**
 * Lesson pacing applied to a room: the class moved (the teacher's pacing, already stored) or one
 * student moved within the allowed range. A run in progress on a step its student leaves stops:
 * its last state is handed back so persistence stores it as stopped (ABORTED) with its curve.
 */
import type { SessionSettings } from "../../lib/classroom/settings";
import { isStepAllowed, type Pacing, placeStudent } from "../../lib/lessons";
import { ERROR_CODE } from "../../lib/protocol";
import { type RunSnapshot, runSnapshots } from "./room-active-runs";
import { markClass, markEveryMember, markLesson, markRunChanged } from "./room-marks";
import { clearRun, type Member } from "./room-member";
import { fail, findActiveMember, type RoomResult, type RoomState } from "./room-state";

/** What a move means for sockets and storage. */
export type LessonMoveEffect = {
  /** Students whose step changed (the teacher's move tells every student: the range changed too). */
  movedIds: string[];
  /** Runs the move stopped, as the room last knew them, for persistence (ABORTED with their curve). */
  cutShortRuns: RunSnapshot[];
};

/** Puts `members` on new steps; stops and snapshots their runs in progress first. */
function moveMembers(state: RoomState, moves: ReadonlyArray<{ member: Member; step: number }>): LessonMoveEffect {
  const stopping = new Set<string>();
  for (const { member } of moves) if (member.run?.isActive) stopping.add(member.run.id);
  const cutShortRuns = runSnapshots(state, stopping);
  for (const { member, step } of moves) {
    // The tile starts blank on the new step, as after a reset: the stopped run is in the review.
    if (member.run?.isActive) {
      clearRun(member, null);
      markRunChanged(state, member);
    }
    member.lessonStep = step;
    markLesson(state, member);
  }
  return { movedIds: moves.map(({ member }) => member.id), cutShortRuns };
}

/**
 * The teacher's pacing took effect (stored by setLessonPacing): the class's current step, range
 * and settings change; every student outside the range goes to the current step.
 */
export function setPacing(
  state: RoomState,
  pacing: Pacing,
  settings: SessionSettings,
): RoomResult<{ effect: LessonMoveEffect }> {
  if (!state.lesson) return fail(ERROR_CODE.stepNotAllowed, "This class was launched without a lesson");
  if (state.isEnded) return fail(ERROR_CODE.classEnded, "The session has ended");
  state.pacing = { ...pacing };
  state.settings = settings;
  markClass(state);
  const moves: { member: Member; step: number }[] = [];
  for (const member of state.members.values()) {
    const step = placeStudent(pacing, member.lessonStep);
    if (step !== member.lessonStep) moves.push({ member, step });
  }
  const effect = moveMembers(state, moves);
  // Every student's state carries the range, and tiles of those who stayed may change settings.
  markEveryMember(state);
  return { ok: true, effect };
}

/** A student moves to `step`, which must be inside the allowed range. */
export function moveStudent(
  state: RoomState,
  participantId: string,
  step: number,
): RoomResult<{ effect: LessonMoveEffect; member: Member }> {
  const found = findActiveMember(state, participantId);
  if (!found.ok) return found;
  const { member } = found;
  if (!state.lesson) return fail(ERROR_CODE.stepNotAllowed, "This class was launched without a lesson");
  if (!isStepAllowed(state.pacing, step) || step >= state.lesson.steps.length) {
    const { allowedFrom, allowedTo } = state.pacing;
    const range = allowedFrom === allowedTo ? `step ${allowedFrom + 1}` : `steps ${allowedFrom + 1}–${allowedTo + 1}`;
    return fail(ERROR_CODE.stepNotAllowed, `Your teacher has the class on ${range}`);
  }
  if (member.lessonStep === step) return { ok: true, member, effect: { movedIds: [], cutShortRuns: [] } };
  return { ok: true, member, effect: moveMembers(state, [{ member, step }]) };
}

/** Notes that the member's run reached the target on its lesson step. */
export function noteReachedStep(state: RoomState, member: Member): void {
  const step = member.run?.lessonStep;
  if (step === null || step === undefined || !member.run?.hasReachedTarget || member.reachedSteps.has(step)) return;
  member.reachedSteps.add(step);
  markLesson(state, member);
}
