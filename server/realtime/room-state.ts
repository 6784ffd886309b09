/**
 * The internal state of one class room and the read-only views built from it (class state,
 * a student's state, counts). Mutations live in class-room.ts and room-*.ts; what the next frame
 * carries is marked in room-frame.ts.
 */
import type { GroupExperiment } from "../../lib/classroom/groups";
import type { SessionSettings } from "../../lib/classroom/settings";
import { LIVE_STATUSES } from "../../lib/classroom/status";
import { settingsForStudent } from "../../lib/classroom/student-seed";
import { type Pacing, type SessionLesson, settingsForStep } from "../../lib/lessons";
import type {
  ClassState,
  CompareView,
  Counts,
  LastRun,
  ProtocolError,
  StudentClassState,
  StudentControlState,
  WaitingStudent,
} from "../../lib/protocol";
import { ERROR_CODE, LAST_RUN_CURVE_POINTS, PROTOCOL_VERSION } from "../../lib/protocol";
import type { RoomChanges } from "./room-frame";
import { studentGroup, withMemberGroup } from "./room-groups";
import { toStudentLesson, toTeacherLesson } from "./room-lesson-view";
import { cellList, curvePoints, deriveStatus, isReached, type Member } from "./room-member";

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
  /** Approval mode: new joins wait in `waiting` until the teacher decides. */
  isApprovalRequired: boolean;
  /** The waiting list, in request order (Map keeps insertion order). */
  waiting: Map<string, WaitingStudent>;
  /** Join requests the teacher denied while this room was open: their sockets are refused. */
  deniedIds: Set<string>;
  spotlightId: string | null;
  /** Snapshots side by side on the projector (room-compare.ts); display only, like the spotlight. */
  compare: CompareView;
  /** The class consensus on the projector (room-compare.ts); display only. */
  isConsensusShown: boolean;
  generation: number;
  /** The group experiment running now (room-groups.ts); null without one. */
  experiment: GroupExperiment | null;
  /** In join order (Map keeps insertion order). */
  members: Map<string, Member>;
  /** Removed participants may not come back with their old token. */
  removedIds: Set<string>;
  joinCounter: number;
  /** Sequence number of the last frame taken. */
  tick: number;
  /** What the next frame carries; marked and drained only by room-frame.ts. */
  changes: RoomChanges;
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
    isApprovalRequired: state.isApprovalRequired,
    waiting: [...state.waiting.values()],
    spotlightId: state.spotlightId,
    compare: state.compare,
    isConsensusShown: state.isConsensusShown,
    generation: state.generation,
    lesson: toTeacherLesson(state),
    experiment: state.experiment,
  };
}

/**
 * What a student:control carries: the student's state, without the last run unless the control
 * changed it (a reset wipes it, a step move shows that step's), so a pause-all stays small.
 */
export function toControlState(state: RoomState, member: Member, carriesLastRun: boolean): StudentControlState {
  if (carriesLastRun) return toStudentState(state, member);
  const { lastRun: _kept, ...rest } = toStudentState(state, member, { withLastRun: false });
  return rest;
}

/** What one student sees: settings, locks, pause, generation, their run in progress and cells. */
export function toStudentState(
  state: RoomState,
  member: Member,
  { withLastRun }: { withLastRun: boolean } = { withLastRun: true },
): StudentClassState {
  const run = member.run?.isActive
    ? { runId: member.run.id, config: member.run.config, edits: [...member.run.edits] }
    : null;
  return {
    v: PROTOCOL_VERSION,
    classId: state.classId,
    title: state.title,
    participant: { id: member.id, nickname: member.nickname, number: member.number },
    // Their own init seed unless the teacher locked it; a bot that asks for nothing trains the class's.
    settings: settingsForStudent(memberSettings(state, member), member.id),
    isPaused: state.isPaused,
    isEnded: state.isEnded,
    generation: state.generation,
    run,
    lastRun: withLastRun ? toLastRun(member) : null,
    cells: cellList(member),
    lesson: toStudentLesson(state, member),
    group: studentGroup(state, member),
  };
}

/** The member's latest run with its curve and map, for the student's page to redraw after a reload. */
function toLastRun(member: Member): LastRun | null {
  const run = member.run;
  // A run from another lesson step is that step's: this step's form starts from its own defaults.
  if (!run || run.lessonStep !== member.lessonStep) return null;
  const finite = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);
  return {
    runId: run.id,
    config: run.config,
    outcome: run.isActive ? null : (run.outcomeStatus ?? "stopped"),
    step: member.step,
    loss: finite(member.loss),
    accuracy: finite(member.accuracy),
    targetReachedStep: run.targetReachedStep,
    curve: curvePoints(member, LAST_RUN_CURVE_POINTS),
    map: member.map,
    weights: run.isActive ? null : (run.weights ?? null),
  };
}

/**
 * The settings a member trains with: the class's on the class's current step (so a teacher's
 * changeSettings applies there), the lesson step's own elsewhere in a free range.
 */
export function memberSettings(state: RoomState, member: Member): SessionSettings {
  const step = member.lessonStep;
  const isClassStep = !state.lesson || step === null || step === state.pacing.currentStep;
  // In a group experiment, the group's value of the varied setting overrides the class's (locked).
  return withMemberGroup(
    state,
    member,
    isClassStep ? state.settings : settingsForStep(state.lesson?.steps ?? [], step),
  );
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
