/**
 * The read-only views of a class room (room-state.ts): the class state teachers see, what one
 * student sees, and the settings a member trains with. Kept apart from the state itself because
 * they read the group experiment and the lesson (room-groups.ts, room-lesson-view.ts), which in
 * turn read the state.
 */
import type { SessionSettings } from "../../lib/classroom/settings";
import { settingsForStudent } from "../../lib/classroom/student-seed";
import { settingsForStep } from "../../lib/lessons";
import type { ClassState, LastRun, StudentClassState, StudentControlState } from "../../lib/protocol";
import { LAST_RUN_CURVE_POINTS, PROTOCOL_VERSION } from "../../lib/protocol";
import { studentGroup, withMemberGroup } from "./room-groups";
import { toStudentLesson, toTeacherLesson } from "./room-lesson-view";
import { cellList, curvePoints, type Member } from "./room-member";
import type { RoomState } from "./room-state";

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
