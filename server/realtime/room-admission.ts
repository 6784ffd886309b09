/**
 * Approval mode inside a class room (issue 11): the waiting list, and the teacher's decisions on
 * it. A waiting student is not a member: they have no tile, no run, no cells, and the hub refuses
 * their class events. Admitting makes them a member with the id their join request had, so their
 * token keeps working; denying drops them and refuses their sockets. Storage (JoinRequest rows) is
 * the authority across restarts and processes; this is the room's copy.
 */
import { ERROR_CODE, PROTOCOL_VERSION, type StudentWaiting, type WaitingStudent } from "../../lib/protocol";
import { markClass, markMember } from "./room-marks";
import { createMember } from "./room-member";
import { fail, type RoomResult, type RoomState } from "./room-state";

/** What {@link joinWaiting} decided for a waiting student's socket. */
export type AdmissionResult = RoomResult<{ isWaiting: true; waiting: StudentWaiting } | { isWaiting: false }>;

/** Refused: the teacher denied this join request. */
export const DENIED_MESSAGE = "Your teacher did not let you into this class.";
/** Refused: the session ended while the student was still waiting. */
export const ENDED_WHILE_WAITING_MESSAGE = "This class has ended before your teacher let you in.";

/**
 * A socket of a student whose stored join request is WAITING connected. Already admitted here
 * (the decision is not stored yet): `isWaiting: false`, the caller joins them as a member.
 */
export function joinWaiting(state: RoomState, student: WaitingStudent): AdmissionResult {
  if (state.members.has(student.id)) return { ok: true, isWaiting: false };
  if (state.removedIds.has(student.id)) return fail(ERROR_CODE.removed, "You were removed from this class");
  if (state.deniedIds.has(student.id)) return fail(ERROR_CODE.joinDenied, DENIED_MESSAGE);
  if (state.isEnded) return fail(ERROR_CODE.classEnded, ENDED_WHILE_WAITING_MESSAGE);
  if (!state.waiting.has(student.id)) {
    state.waiting.set(student.id, { ...student });
    markClass(state);
  }
  const waiting = state.waiting.get(student.id) ?? student;
  return {
    ok: true,
    isWaiting: true,
    waiting: { v: PROTOCOL_VERSION, classId: state.classId, title: state.title, nickname: waiting.nickname },
  };
}

/** Admits the waiting students among `ids` (in waiting-list order); returns who was admitted. */
export function admitWaiting(state: RoomState, ids: ReadonlySet<string>): string[] {
  const admitted: string[] = [];
  for (const student of state.waiting.values()) {
    if (!ids.has(student.id)) continue;
    state.waiting.delete(student.id);
    // Disconnected until the hub moves their waiting sockets over (room.join marks them connected).
    const member = createMember(student.id, student.nickname, ++state.joinCounter, false);
    if (state.lesson) member.lessonStep = state.pacing.currentStep;
    state.members.set(member.id, member);
    markMember(state, member);
    admitted.push(student.id);
  }
  if (admitted.length > 0) markClass(state);
  return admitted;
}

/** Denies the waiting students among `ids`; returns who was denied. */
export function denyWaiting(state: RoomState, ids: ReadonlySet<string>): string[] {
  const denied = [...state.waiting.keys()].filter((id) => ids.has(id));
  for (const id of denied) {
    state.waiting.delete(id);
    state.deniedIds.add(id);
  }
  if (denied.length > 0) markClass(state);
  return denied;
}

/** The ids on the waiting list now. */
export function waitingIds(state: RoomState): Set<string> {
  return new Set(state.waiting.keys());
}
