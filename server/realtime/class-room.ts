/**
 * The live state of one class, in memory: the latest state of every participant, class-wide
 * flags, and the coalescing of changes into one teacher frame per tick. This is the ONE module
 * that holds per-class realtime state, so spreading a class over processes later means replacing
 * this module's storage, not hunting through handlers. Pure: no sockets, no database, no timers;
 * time and ids are injected.
 */
import { isNicknameTaken, suggestNickname } from "../../lib/classroom/nickname";
import { type RunConfig, type SessionSettings, resolveRunConfig } from "../../lib/classroom/settings";
import { PARTICIPANT_STATUS, RUN_OUTCOME } from "../../lib/classroom/status";
import {
  type CellCheck,
  type CellResult,
  type ClassControl,
  ERROR_CODE,
  FORWARD_PASS_CELL,
  MAP_MIN_INTERVAL_MS,
  PROGRESS_MIN_INTERVAL_MS,
  PROTOCOL_VERSION,
  type ProgressUpdate,
  RATE_TOLERANCE,
  type RunFinish,
  type RunStart,
  SNAPSHOT_CURVE_POINTS,
  type StudentClassState,
  type TeacherFrame,
  type TeacherSnapshot,
} from "../../lib/protocol";
import { type ControlEffect, applyControl } from "./room-control";
import { type MemberRun, appendPoints, clearRun, createMember, deriveStatus, displayName, toTile } from "./room-member";
import { type RoomResult, type RoomState, countStatuses, fail, findActiveMember, markDirty, toClassState, toStudentState } from "./room-state";
import { takeFrame } from "./room-tick";

/** A click-happy student must not create a run (and a database row) per click. */
export const RUN_START_MIN_INTERVAL_MS = 500;

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
  /** Participants restored from storage, in join order; they start disconnected. */
  participants?: ReadonlyArray<{ id: string; nickname: string }>;
};

/** A run that just ended, for persistence and server-side verification of the weights. */
export type FinishedRun = {
  classId: string;
  participantId: string;
  runId: string;
  config: RunConfig;
  status: typeof PARTICIPANT_STATUS.reachedTarget | typeof PARTICIPANT_STATUS.diverged | typeof PARTICIPANT_STATUS.finished;
  startedAt: number;
  finishedAt: number;
  targetReachedStep: number | null;
  finish: RunFinish;
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
    isPaused: false,
    isJoinOpen: options.isJoinOpen ?? true,
    isEnded: options.isEnded ?? false,
    isAnonymized: false,
    spotlightId: null,
    generation: 0,
    members: new Map(),
    removedIds: new Set(),
    joinCounter: 0,
    tick: 0,
    dirtyIds: new Set(),
    removedPending: [],
    isClassDirty: false,
  };
  for (const restored of options.participants ?? []) {
    const member = createMember(restored.id, restored.nickname, ++state.joinCounter, false);
    state.members.set(member.id, member);
    markDirty(state, member);
  }

  return {
    classId: state.classId,
    ownerId: state.ownerId,
    get isEnded(): boolean {
      return state.isEnded;
    },

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
    join(input: { id: string; nickname: string }): RoomResult<{ state: StudentClassState; isNew: boolean }> {
      if (state.removedIds.has(input.id)) return fail(ERROR_CODE.removed, "You were removed from this class");
      const known = state.members.get(input.id);
      if (known) {
        known.isConnected = true;
        markDirty(state, known);
        return { ok: true, state: toStudentState(state, known), isNew: false };
      }
      if (state.isEnded) return fail(ERROR_CODE.classEnded, "The session has ended");
      if (!state.isJoinOpen) return fail(ERROR_CODE.joinClosed, "Joining is closed");
      const nicknames = [...state.members.values()].map((member) => member.nickname);
      if (isNicknameTaken(nicknames, input.nickname)) {
        return fail(ERROR_CODE.nicknameTaken, `Nickname taken; try "${suggestNickname(nicknames, input.nickname)}"`);
      }
      const member = createMember(input.id, input.nickname, ++state.joinCounter, true);
      state.members.set(member.id, member);
      markDirty(state, member);
      return { ok: true, state: toStudentState(state, member), isNew: true };
    },

    /** The participant's last socket closed; the tile stays, marked disconnected. */
    disconnect(participantId: string): void {
      const member = state.members.get(participantId);
      if (!member?.isConnected) return;
      member.isConnected = false;
      markDirty(state, member);
    },

    /**
     * Keeps the latest progress: appends new loss points, replaces the map (rate-limited),
     * notes when the target is first reached. Nothing is forwarded; the next tick picks it up.
     */
    applyProgress(participantId: string, update: ProgressUpdate): RoomResult {
      const found = findActiveMember(state, participantId);
      if (!found.ok) return found;
      const { member } = found;
      const run = member.run;
      if (!run?.isActive || run.id !== update.runId) return fail(ERROR_CODE.staleRun, "Not your current run");
      const at = now();
      if (at - member.lastProgressAt < PROGRESS_MIN_INTERVAL_MS * RATE_TOLERANCE) {
        return fail(ERROR_CODE.rateLimited, "Progress sent too often");
      }
      member.lastProgressAt = at;
      appendPoints(member, update.points);
      member.step = Math.max(member.step, update.step);
      member.accuracy = update.accuracy;
      member.isProgressDirty = true;
      noteTarget(run, update.accuracy, update.step);
      const isMapDue = at - member.lastMapAt >= MAP_MIN_INTERVAL_MS * RATE_TOLERANCE;
      if (update.map && isMapDue) {
        member.map = update.map;
        member.lastMapAt = at;
        member.isMapDirty = true;
      }
      markDirty(state, member);
      return { ok: true };
    },

    /** Starts a run with the class's settings and the student's unlocked choices. */
    startRun(participantId: string, request: RunStart): RoomResult<{ runId: string; config: RunConfig; generation: number; replacedRunId: string | null }> {
      const found = findActiveMember(state, participantId);
      if (!found.ok) return found;
      const { member } = found;
      if (state.isPaused) return fail(ERROR_CODE.classPaused, "The teacher paused the class");
      const isForwardPassMissing = state.settings.requireForwardPassCell && !member.cells.get(FORWARD_PASS_CELL)?.isPassed;
      if (isForwardPassMissing) return fail(ERROR_CODE.forwardPassRequired, `Pass cell ${FORWARD_PASS_CELL} first`);
      const at = now();
      if (at - member.lastRunStartAt < RUN_START_MIN_INTERVAL_MS) return fail(ERROR_CODE.rateLimited, "Runs started too often");
      member.lastRunStartAt = at;
      const replacedRunId = member.run?.isActive ? member.run.id : null;
      const config = resolveRunConfig(state.settings, request.choice);
      const run: MemberRun = {
        id: createId(),
        config,
        generation: state.generation,
        startedAt: at,
        isActive: true,
        hasReachedTarget: false,
        targetReachedStep: null,
        outcomeStatus: null,
      };
      clearRun(member, run);
      markDirty(state, member);
      return { ok: true, runId: run.id, config, generation: state.generation, replacedRunId };
    },

    /** Ends the current run with the student's final report; returns what persistence needs. */
    finishRun(participantId: string, finish: RunFinish): RoomResult<{ record: FinishedRun }> {
      const found = findActiveMember(state, participantId);
      if (!found.ok) return found;
      const { member } = found;
      const run = member.run;
      if (!run?.isActive || run.id !== finish.runId) return fail(ERROR_CODE.staleRun, "Not your current run");
      appendPoints(member, finish.curve);
      member.step = Math.max(member.step, finish.step);
      if (finish.loss !== null) member.loss = finish.loss;
      if (finish.accuracy !== null) {
        member.accuracy = finish.accuracy;
        noteTarget(run, finish.accuracy, finish.step);
      }
      if (finish.map) {
        member.map = finish.map;
        member.isMapDirty = true;
      }
      run.isActive = false;
      run.outcomeStatus = outcomeStatus(finish, run);
      member.isProgressDirty = true;
      markDirty(state, member);
      const record: FinishedRun = {
        classId: state.classId,
        participantId,
        runId: run.id,
        config: run.config,
        status: run.outcomeStatus,
        startedAt: run.startedAt,
        finishedAt: now(),
        targetReachedStep: run.targetReachedStep,
        finish,
      };
      return { ok: true, record };
    },

    /** Counts an attempt at a chapter cell. A pass sticks: later failures don't re-lock training. */
    recordCell(participantId: string, check: CellCheck): RoomResult<{ result: CellResult }> {
      const found = findActiveMember(state, participantId);
      if (!found.ok) return found;
      const { member } = found;
      const previous = member.cells.get(check.cell);
      const result: CellResult = {
        cell: check.cell,
        isPassed: check.isPassed || (previous?.isPassed ?? false),
        attempts: (previous?.attempts ?? 0) + 1,
        lastError: check.isPassed ? null : (check.error ?? null),
      };
      member.cells.set(check.cell, result);
      member.dirtyCells.add(check.cell);
      markDirty(state, member);
      return { ok: true, result };
    },

    /** Applies a teacher's class control; the effect says which students to tell. */
    control(command: ClassControl): RoomResult<{ effect: ControlEffect }> {
      return applyControl(state, command);
    },

    /** Everything, for a teacher who connects late or resyncs. */
    snapshotForTeacher(): TeacherSnapshot {
      const participants = [...state.members.values()].map((member) =>
        toTile(member, deriveStatus(member, state), displayName(member, state.isAnonymized), SNAPSHOT_CURVE_POINTS),
      );
      return { v: PROTOCOL_VERSION, t: now(), tick: state.tick, class: toClassState(state), participants, counts: countStatuses(state) };
    },

    /** The class as this student should see it now, or null if they are not in the room. */
    snapshotForStudent(participantId: string): StudentClassState | null {
      const member = state.members.get(participantId);
      return member ? toStudentState(state, member) : null;
    },

    /** The coalesced changes since the last tick, or null when nothing changed. */
    tick(): TeacherFrame | null {
      return takeFrame(state, now());
    },
  };
}

function noteTarget(run: MemberRun, accuracy: number, step: number): void {
  if (run.hasReachedTarget || accuracy < run.config.targetAccuracy) return;
  run.hasReachedTarget = true;
  run.targetReachedStep = step;
}

function outcomeStatus(finish: RunFinish, run: MemberRun): FinishedRun["status"] {
  if (finish.outcome === RUN_OUTCOME.diverged) return PARTICIPANT_STATUS.diverged;
  if (run.hasReachedTarget) return PARTICIPANT_STATUS.reachedTarget;
  return PARTICIPANT_STATUS.finished;
}
