/**
 * The internal state of one class room and the read-only views built from it (class state,
 * a student's state, counts). Mutations live in class-room.ts and room-control.ts.
 */
import type { SessionSettings } from "../../lib/classroom/settings";
import { LIVE_STATUSES } from "../../lib/classroom/status";
import { type Pacing, type SessionLesson, settingsForStep } from "../../lib/lessons";
import type { ClassState, Counts, ProtocolError, StudentClassState } from "../../lib/protocol";
import { ERROR_CODE, PROTOCOL_VERSION } from "../../lib/protocol";
import { toStudentLesson, toTeacherLesson } from "./room-lesson-view";
import { cellList, deriveStatus, isReached, type Member } from "./room-member";

/** Everything one class room holds in memory. */
export type RoomState = {
  classId: string;
  ownerId: string;
  title: string;
  /** The class's settings: those of the lesson's current step (changeSettings overrides them). */
  settings: SessionSettings;
  /** The lesson as launched; null without a lesson. */
  lesson: SessionLesson | null;
  pacing: Pacing;
  isPaused: boolean;
  isJoinOpen: boolean;
  isEnded: boolean;
  isAnonymized: boolean;
  spotlightId: string | null;
  generation: number;
  /** In join order (Map keeps insertion order). */
  members: Map<string, Member>;
  /** Removed participants may not come back with their old token. */
  removedIds: Set<string>;
  joinCounter: number;
  /** Sequence number of the last frame taken. */
  tick: number;
  /** Members with something for the next frame; idle members are never visited by tick(). */
  dirtyIds: Set<string>;
  /** Removals not yet reported in a frame. */
  removedPending: string[];
  isClassDirty: boolean;
};

/** A room call's answer: the same shape as a protocol ack. */
export type RoomResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ProtocolError };

/** Shorthand for a failed {@link RoomResult}. */
export function fail(code: ProtocolError["code"], message: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: { code, message } };
}

/** Looks up a participant who may act: present (not removed) in a class that has not ended. */
export function findActiveMember(state: RoomState, participantId: string): RoomResult<{ member: Member }> {
  if (state.removedIds.has(participantId)) return fail(ERROR_CODE.removed, "You were removed from this class");
  const member = state.members.get(participantId);
  if (!member) return fail(ERROR_CODE.notFound, "Unknown participant");
  if (state.isEnded) return fail(ERROR_CODE.classEnded, "The session has ended");
  return { ok: true, member };
}

/** Marks one member for the next frame. */
export function markDirty(state: RoomState, member: Member): void {
  state.dirtyIds.add(member.id);
}

/** Marks every member: their status or name may change with a class-wide change. */
export function markAllDirty(state: RoomState): void {
  for (const id of state.members.keys()) state.dirtyIds.add(id);
}

/** The class-wide state for teachers. */
export function toClassState(state: RoomState): ClassState {
  return {
    classId: state.classId,
    title: state.title,
    settings: state.settings,
    isPaused: state.isPaused,
    isJoinOpen: state.isJoinOpen,
    isEnded: state.isEnded,
    isAnonymized: state.isAnonymized,
    spotlightId: state.spotlightId,
    generation: state.generation,
    lesson: toTeacherLesson(state),
  };
}

/** What one student sees: settings, locks, pause, generation, their run in progress and cells. */
export function toStudentState(state: RoomState, member: Member): StudentClassState {
  const run = member.run?.isActive
    ? { runId: member.run.id, config: member.run.config, edits: [...member.run.edits] }
    : null;
  return {
    v: PROTOCOL_VERSION,
    classId: state.classId,
    title: state.title,
    participant: { id: member.id, nickname: member.nickname, number: member.number },
    settings: memberSettings(state, member),
    isPaused: state.isPaused,
    isEnded: state.isEnded,
    generation: state.generation,
    run,
    cells: cellList(member),
    lesson: toStudentLesson(state, member),
  };
}

/**
 * The settings a member trains with: the class's on the class's current step (so a teacher's
 * changeSettings applies there), the lesson step's own elsewhere in a free range.
 */
export function memberSettings(state: RoomState, member: Member): SessionSettings {
  const step = member.lessonStep;
  if (!state.lesson || step === null || step === state.pacing.currentStep) return state.settings;
  return settingsForStep(state.lesson.steps, step);
}

/** Participants per status. O(participants): computed only when a frame is sent. */
export function countStatuses(state: RoomState): Counts {
  const counts = { total: state.members.size } as Counts;
  counts.reached = 0;
  for (const status of LIVE_STATUSES) counts[status] = 0;
  for (const member of state.members.values()) {
    counts[deriveStatus(member, state)]++;
    if (isReached(member)) counts.reached++;
  }
  return counts;
}
