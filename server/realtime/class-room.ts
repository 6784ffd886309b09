/**
 * The live state of one class, in memory: the latest state of every participant, class-wide
 * flags, and the coalescing of changes into one teacher frame per tick. This is the ONE module
 * that holds per-class realtime state, so spreading a class over processes later means replacing
 * this module's storage, not hunting through handlers. Pure: no sockets, no database, no timers;
 * time and ids are injected.
 */

import type { AttentionKind } from "../../lib/classroom/attention";
import type { GroupExperiment } from "../../lib/classroom/groups";
import { isNicknameTaken, suggestNickname } from "../../lib/classroom/nickname";
import type { SessionSettings } from "../../lib/classroom/settings";
import { type Pacing, placeStudent, type SessionLesson, START_PACING } from "../../lib/lessons";
import {
  type CellCheck,
  type ClassControl,
  type CompareView,
  ERROR_CODE,
  encodeTeacherFrame,
  encodeTeacherSnapshot,
  type NetworkAnswer,
  type NetworkWeights,
  PROTOCOL_VERSION,
  type ProgressResume,
  type ProgressUpdate,
  type RunEdit,
  type RunFinish,
  type RunStart,
  SNAPSHOT_CURVE_POINTS,
  type StoredSeenMarks,
  type StudentClassState,
  type StudentControlState,
  type TeacherFrameWire,
  type TeacherSnapshotWire,
  type WaitingStudent,
} from "../../lib/protocol";
import { activeRuns } from "./room-active-runs";
import { type AdmissionResult, joinWaiting } from "./room-admission";
import {
  applySeenMark,
  marksAfterSeen,
  refreshAttention,
  refreshMember,
  runFlags,
  takeClearedSeen,
} from "./room-attention";
import { createRoomAttention } from "./room-attention-state";
import { consensusMaps, setCompare, showConsensus, snapshotName, snapshotSource } from "./room-compare";
import { applyControl, type ControlEffect } from "./room-control";
import { editRun } from "./room-edits";
import { takeFrame } from "./room-frame";
import { assignLateJoiner } from "./room-groups";
import { type LessonMoveEffect, moveStudent, setPacing } from "./room-lesson";
import { createRoomChanges, markMember } from "./room-marks";
import { createMember, deriveStatus, displayName, toTile } from "./room-member";
import { answerWeights, applyNetwork, isWatched, watchedNetwork, weightsNeed, weightsSuspects } from "./room-network";
import { type RestoredParticipant, restoreMember } from "./room-restore";
import { resumeRun } from "./room-resume";
import { applyProgress, finishRun, noteFinishStored, recordCell, startRun } from "./room-runs";
import { countStatuses, fail, type RoomResult, type RoomState } from "./room-state";
import { toClassState, toControlState, toStudentState } from "./room-views";

export type { ActiveRun, RunSnapshot } from "./room-active-runs";
export type { LessonMoveEffect } from "./room-lesson";
export type { FinishedRun } from "./room-member";
export type { RestoredParticipant, RestoredRun } from "./room-restore";
export { RUN_START_MIN_INTERVAL_MS } from "./room-runs";

/** Options of {@link createClassRoom}. */
export type ClassRoomOptions = {
  classId: string;
  ownerId: string;
  title: string;
  settings: SessionSettings;
  /** Milliseconds since the epoch; injected so tests control time. */
  now: () => number;
  /** Ids for new runs (the database uses them as Run.id). */
  createId: () => string;
  isJoinOpen?: boolean;
  isEnded?: boolean;
  /** Class flags restored from storage (a server restart must not lift a pause or undo a reset). */
  isPaused?: boolean;
  isAnonymized?: boolean;
  isApprovalRequired?: boolean;
  /** The waiting list restored from storage, oldest first. */
  waiting?: ReadonlyArray<WaitingStudent>;
  generation?: number;
  /** The lesson the class was launched from and its stored pacing; absent or null without a lesson. */
  lesson?: SessionLesson | null;
  pacing?: Pacing;
  /** The group experiment restored from storage (ClassSession.groupExperiment); null or absent: none. */
  experiment?: GroupExperiment | null;
  /** What the projector showed from the tray, restored from storage (ClassSession.projectorCompare, isConsensusShown). */
  compare?: CompareView;
  isConsensusShown?: boolean;
  /** Participants restored from storage, in join order; they start disconnected. */
  participants?: ReadonlyArray<RestoredParticipant>;
};

/** The room's API. Every method returns a result; none throws on bad input. */
export type ClassRoom = ReturnType<typeof createClassRoom>;

/**
 * Creates the in-memory room of one class.
 *
 * @example
 * const room = createClassRoom({ classId, ownerId, title, settings, now: Date.now, createId });
 * room.join({ id: participantId, nickname: "Ada" });
 * const frame = room.tick(); // every TEACHER_TICK_MS, by the hub
 */
export function createClassRoom(options: ClassRoomOptions) {
  const { now, createId } = options;
  const state: RoomState = {
    classId: options.classId,
    ownerId: options.ownerId,
    title: options.title,
    settings: options.settings,
    lesson: options.lesson ?? null,
    pacing: { ...(options.pacing ?? START_PACING) },
    isPaused: options.isPaused ?? false,
    isJoinOpen: options.isJoinOpen ?? true,
    isEnded: options.isEnded ?? false,
    isAnonymized: options.isAnonymized ?? false,
    isApprovalRequired: options.isApprovalRequired ?? false,
    waiting: new Map((options.waiting ?? []).map((student) => [student.id, { ...student }])),
    deniedIds: new Set(),
    spotlightId: null,
    compare: options.compare ?? null,
    isConsensusShown: options.isConsensusShown ?? false,
    generation: options.generation ?? 0,
    experiment: options.experiment ?? null,
    members: new Map(),
    removedIds: new Set(),
    joinCounter: 0,
    tick: 0,
    changes: createRoomChanges(),
    attention: createRoomAttention(),
  };
  for (const restored of options.participants ?? []) {
    const member = createMember(restored.id, restored.nickname, ++state.joinCounter, false);
    restoreMember(member, restored, state.generation);
    // A stored group outside the experiment (a row from before it) counts as none: joining assigns one.
    if (state.experiment && restored.group != null && restored.group < state.experiment.values.length)
      member.group = restored.group;
    // Where they were (their latest run's step) if the pacing still allows it, else the class's step.
    if (state.lesson) member.lessonStep = placeStudent(state.pacing, restored.run?.lessonStep ?? null);
    state.members.set(member.id, member);
    markMember(state, member);
  }

  return {
    classId: state.classId,
    ownerId: state.ownerId,
    get isEnded(): boolean {
      return state.isEnded;
    },

    /** Class-wide state (flags, settings, generation), e.g. for persisting a control's result. */
    classState: () => toClassState(state),

    /** Ids of every present (not removed) participant, in join order. */
    participantIds(): string[] {
      return [...state.members.keys()];
    },

    /** True when the participant is in the room now (a removed one is not). */
    hasParticipant(participantId: string): boolean {
      return state.members.has(participantId);
    },

    /**
     * A student's socket connected. A known participant reconnects (even after joining closed);
     * a new one needs joining open and a free nickname.
     */
    join(input: {
      id: string;
      nickname: string;
      isAdmitted?: boolean | undefined;
    }): RoomResult<{ state: StudentClassState; isNew: boolean; assignedGroup: number | null }> {
      if (state.removedIds.has(input.id)) return fail(ERROR_CODE.removed, "You were removed from this class");
      const known = state.members.get(input.id);
      if (known) {
        known.isConnected = true;
        markMember(state, known);
        const assignedGroup = assignLateJoiner(state, known);
        return { ok: true, state: toStudentState(state, known), isNew: false, assignedGroup };
      }
      if (state.isEnded) return fail(ERROR_CODE.classEnded, "The session has ended");
      // Admitted: the join exchange already let them in while joining was open; closing it since
      // (between their join and their first socket) must not shut them out.
      if (!state.isJoinOpen && !input.isAdmitted) return fail(ERROR_CODE.joinClosed, "Joining is closed");
      const nicknames = [...state.members.values()].map((member) => member.nickname);
      if (isNicknameTaken(nicknames, input.nickname)) {
        return fail(ERROR_CODE.nicknameTaken, `Nickname taken; try "${suggestNickname(nicknames, input.nickname)}"`);
      }
      const member = createMember(input.id, input.nickname, ++state.joinCounter, true);
      if (state.lesson) member.lessonStep = state.pacing.currentStep;
      state.members.set(member.id, member);
      markMember(state, member);
      // A late joiner into a group experiment goes to the smallest group (the hub stores it).
      const assignedGroup = assignLateJoiner(state, member);
      return { ok: true, state: toStudentState(state, member), isNew: true, assignedGroup };
    },

    /**
     * A waiting student's socket connected (their join request is WAITING in storage): they join
     * the waiting list, unless the teacher already admitted them (then this is a join) or denied them.
     */
    joinWaiting: (student: WaitingStudent): AdmissionResult => joinWaiting(state, student),

    /** The participant's last socket closed; the tile stays, marked disconnected. */
    disconnect(participantId: string): void {
      const member = state.members.get(participantId);
      if (!member?.isConnected) return;
      member.isConnected = false;
      markMember(state, member);
    },

    /** Keeps the latest progress; the next tick picks it up. See {@link applyProgress}. */
    applyProgress: (participantId: string, update: ProgressUpdate) => applyProgress(state, now, participantId, update),

    /** A reconnecting student's whole curve so far replaces the room's. See {@link resumeRun}. */
    resumeRun: (participantId: string, resume: ProgressResume) => resumeRun(state, now, participantId, resume),

    /** Appends a point edit to the current run's log (see {@link editRun}). */
    editRun: (participantId: string, request: RunEdit) => editRun(state, now, participantId, request),

    /** A watched student's weights, for the teachers (see {@link applyNetwork}). */
    applyNetwork: (participantId: string, payload: NetworkWeights) => applyNetwork(state, now, participantId, payload),

    /** The watched participant's latest weights (a teacher connecting now draws them at once). */
    watchedNetwork: () => watchedNetwork(state),

    /** True when the teacher watches this participant's network. */
    isWatched: (participantId: string) => isWatched(state, participantId),

    /** A tile's content for a snapshot, the names snapshots show, the consensus's maps, the compare view (room-compare.ts). */
    snapshotSource: (participantId: string, fetched: NetworkWeights | null = null) =>
      snapshotSource(state, participantId, fetched),
    /** Whether a snapshot must ask the student for their weights, and a one-off answer (room-network.ts). */
    weightsNeed: (participantId: string, isRefresh = false) => weightsNeed(state, participantId, isRefresh),
    /** Running nets flagged stuck whose weights are worth polling for dead units (room-network.ts). */
    weightsSuspects: () => weightsSuspects(state),
    answerWeights: (participantId: string, askedRunId: string | null, answer: NetworkAnswer | null) =>
      answerWeights(state, now, participantId, askedRunId, answer),
    snapshotName: (participantId: string) => snapshotName(state, participantId),
    consensusMaps: () => consensusMaps(state),
    setCompare: (view: CompareView) => setCompare(state, view),
    showConsensus: (isShown: boolean) => showConsensus(state, isShown),
    get compare(): CompareView {
      return state.compare;
    },
    get isConsensusShown(): boolean {
      return state.isConsensusShown;
    },

    /** The spotlit participant, or null. */
    get spotlightId(): string | null {
      return state.spotlightId;
    },

    /** Starts a run with the class's settings and the student's unlocked choices. */
    startRun: (participantId: string, request: RunStart) => startRun(state, { now, createId }, participantId, request),

    /** Ends the current run with the student's final report; returns what persistence needs, its flags judged now. */
    finishRun(participantId: string, finish: RunFinish) {
      const result = finishRun(state, now, participantId, finish);
      const member = state.members.get(participantId);
      if (result.ok && result.record && member && !result.record.flags) {
        refreshMember(state, member, now());
        result.record.flags = runFlags(member, result.record.runId);
      }
      return result;
    },

    /** True when the participant's run `runId` has ended (its finish accepted, maybe stored). */
    hasFinished(participantId: string, runId: string): boolean {
      const run = state.members.get(participantId)?.run;
      return run?.id === runId && !run.isActive;
    },

    /** The run's finish is durable: the room keeps no copy of it (room-runs.ts noteFinishStored). */
    finishStored: (participantId: string, runId: string) => noteFinishStored(state, participantId, runId),

    /** The participant's seen marks once `kind` is marked seen at its level now; null: no such flag (or participant). */
    marksAfterSeen(participantId: string, kind: AttentionKind): StoredSeenMarks | null {
      const member = state.members.get(participantId);
      return member ? marksAfterSeen(member, kind) : null;
    },

    /** A stored seen mark takes effect: the tile's next frame shows it. */
    applySeenMark(participantId: string, kind: AttentionKind, level: number): void {
      const member = state.members.get(participantId);
      if (member) applySeenMark(state, member, kind, level);
    },

    /** Seen marks dropped since the last call because their condition cleared (for storage). */
    takeClearedSeen: () => takeClearedSeen(state),

    /** Counts an attempt at a chapter cell. */
    recordCell: (participantId: string, check: CellCheck) => recordCell(state, now, participantId, check),

    /** Runs in progress with their latest figures and map, for periodic map snapshots. */
    activeRuns: () => activeRuns(state),

    /** Applies a teacher's class control; the effect says which students to tell. */
    control(command: ClassControl): RoomResult<{ effect: ControlEffect }> {
      return applyControl(state, command);
    },

    /** The teacher's pacing, already stored, takes effect: students outside the range move. */
    setPacing(pacing: Pacing, settings: SessionSettings): RoomResult<{ effect: LessonMoveEffect }> {
      return setPacing(state, pacing, settings);
    },

    /** A student moves to another step within the allowed range; answers with their new state. */
    moveStudent(
      participantId: string,
      step: number,
    ): RoomResult<{ effect: LessonMoveEffect; state: StudentClassState }> {
      const moved = moveStudent(state, participantId, step);
      if (!moved.ok) return moved;
      return { ok: true, effect: moved.effect, state: toStudentState(state, moved.member) };
    },

    /** True when the class was launched from a lesson. */
    get hasLesson(): boolean {
      return state.lesson !== null;
    },

    /** Everything, for a teacher who connects late or resyncs; its maps packed in one buffer. */
    snapshotForTeacher(): TeacherSnapshotWire {
      const participants = [...state.members.values()].map((member) =>
        toTile(member, deriveStatus(member, state), displayName(member, state.isAnonymized), SNAPSHOT_CURVE_POINTS),
      );
      return encodeTeacherSnapshot({
        v: PROTOCOL_VERSION,
        t: now(),
        tick: state.tick,
        class: toClassState(state),
        participants,
        counts: countStatuses(state),
      });
    },

    /** The class as this student should see it now, or null if they are not in the room. */
    snapshotForStudent(participantId: string): StudentClassState | null {
      const member = state.members.get(participantId);
      return member ? toStudentState(state, member) : null;
    },

    /** What a control tells this student: their state, with the last run only when `carriesLastRun`. */
    snapshotForControl(participantId: string, carriesLastRun: boolean): StudentControlState | null {
      const member = state.members.get(participantId);
      return member ? toControlState(state, member, carriesLastRun) : null;
    },

    /** The coalesced changes since the last tick, ready to send (maps packed), or null when nothing changed. */
    tick(): TeacherFrameWire | null {
      refreshAttention(state, now());
      const frame = takeFrame(state, now());
      return frame && encodeTeacherFrame(frame);
    },
  };
}
