/**
 * Class controls applied to a room's state. Each returns an effect: which control message every
 * student must get now (reliable, not on the tick) and who was removed. The teacher sees the
 * result in the next frame.
 */
import { CLASS_CONTROL, type ClassControl, ERROR_CODE, STUDENT_CONTROL } from "../../lib/protocol";
import { clearRun } from "./room-member";
import { type RunSnapshot, runSnapshots } from "./room-runs";
import { fail, markAllDirty, type RoomResult, type RoomState } from "./room-state";

/** A student control every present student must receive. */
export type StudentNotice = (typeof STUDENT_CONTROL)["start" | "pause" | "reset" | "ended" | "settings"];

/** What a control means for sockets, for the hub to carry out. */
export type ControlEffect = {
  /** Sent to every present student, each with their own state; null: students are unaffected. */
  notice: StudentNotice | null;
  /** This participant gets "removed" and their sockets are closed. */
  removedParticipantId: string | null;
  /** Runs that were in progress and are now abandoned (for persistence: ABORTED). */
  abortedRunIds: string[];
  /**
   * The same runs as the room last knew them, curve included, taken before the control cleared
   * them: a run a reset or a removal cut short is stored with the curve it had, not an empty one.
   */
  cutShortRuns: RunSnapshot[];
};

const NO_EFFECT: ControlEffect = { notice: null, removedParticipantId: null, abortedRunIds: [], cutShortRuns: [] };

// After the session ends only display controls still make sense (for the review screen).
const CONTROLS_AFTER_END: ReadonlySet<ClassControl["type"]> = new Set([
  CLASS_CONTROL.anonymize,
  CLASS_CONTROL.spotlight,
]);

/** Applies one validated class control to the room. */
export function applyControl(state: RoomState, command: ClassControl): RoomResult<{ effect: ControlEffect }> {
  if (state.isEnded && !CONTROLS_AFTER_END.has(command.type))
    return fail(ERROR_CODE.classEnded, "The session has ended");
  switch (command.type) {
    case CLASS_CONTROL.startAll:
      setPaused(state, false);
      return done({ notice: STUDENT_CONTROL.start });
    case CLASS_CONTROL.pauseAll:
      setPaused(state, true);
      return done({ notice: STUDENT_CONTROL.pause });
    case CLASS_CONTROL.resetAll:
      return done({ notice: STUDENT_CONTROL.reset, ...withSnapshots(state, resetAll) });
    case CLASS_CONTROL.changeSettings:
      state.settings = command.settings;
      return done({ notice: STUDENT_CONTROL.reset, ...withSnapshots(state, resetAll) });
    case CLASS_CONTROL.closeJoining:
    case CLASS_CONTROL.openJoining:
      state.isJoinOpen = command.type === CLASS_CONTROL.openJoining;
      state.isClassDirty = true;
      return done({});
    case CLASS_CONTROL.remove:
      return remove(state, command.participantId);
    case CLASS_CONTROL.end:
      return done({ notice: STUDENT_CONTROL.ended, ...withSnapshots(state, endSession) });
    case CLASS_CONTROL.anonymize:
      state.isAnonymized = command.isAnonymized;
      state.isClassDirty = true;
      markAllDirty(state);
      return done({});
    case CLASS_CONTROL.pointEdits:
      // Only the switch changes: runs go on, and every student is told (their page's clicks follow).
      state.settings = { ...state.settings, allowPointEdits: command.isAllowed };
      state.isClassDirty = true;
      return done({ notice: STUDENT_CONTROL.settings });
    case CLASS_CONTROL.spotlight:
      if (command.participantId !== null && !state.members.has(command.participantId)) {
        return fail(ERROR_CODE.notFound, "No such participant");
      }
      state.spotlightId = command.participantId;
      state.isClassDirty = true;
      return done({});
  }
}

/** Runs `abort` (which returns the runs it stopped) with those runs' last state taken first. */
function withSnapshots(
  state: RoomState,
  abort: (state: RoomState) => string[],
): Pick<ControlEffect, "abortedRunIds" | "cutShortRuns"> {
  const active = new Set<string>();
  for (const member of state.members.values()) if (member.run?.isActive) active.add(member.run.id);
  const snapshots = runSnapshots(state, active);
  const abortedRunIds = abort(state);
  return { abortedRunIds, cutShortRuns: snapshots.filter((run) => abortedRunIds.includes(run.runId)) };
}

function done(effect: Partial<ControlEffect>): { ok: true; effect: ControlEffect } {
  return { ok: true, effect: { ...NO_EFFECT, ...effect } };
}

function setPaused(state: RoomState, isPaused: boolean): void {
  state.isPaused = isPaused;
  state.isClassDirty = true;
  // Every tile's status may flip between training/joined and paused.
  markAllDirty(state);
}

/** Every tile starts blank under the current settings; returns the runs that were in progress. */
function resetAll(state: RoomState): string[] {
  state.generation++;
  state.isClassDirty = true;
  const aborted: string[] = [];
  for (const member of state.members.values()) {
    if (member.run?.isActive) aborted.push(member.run.id);
    clearRun(member, null);
  }
  markAllDirty(state);
  return aborted;
}

function remove(state: RoomState, participantId: string): RoomResult<{ effect: ControlEffect }> {
  const member = state.members.get(participantId);
  if (!member) return fail(ERROR_CODE.notFound, "No such participant");
  const abortedRunIds = member.run?.isActive ? [member.run.id] : [];
  const cutShortRuns = runSnapshots(state, new Set(abortedRunIds));
  state.members.delete(participantId);
  state.dirtyIds.delete(participantId);
  state.removedIds.add(participantId);
  state.removedPending.push(participantId);
  if (state.spotlightId === participantId) {
    state.spotlightId = null;
    state.isClassDirty = true;
  }
  return done({ removedParticipantId: participantId, abortedRunIds, cutShortRuns });
}

function endSession(state: RoomState): string[] {
  state.isEnded = true;
  state.isJoinOpen = false;
  state.isClassDirty = true;
  const aborted: string[] = [];
  for (const member of state.members.values()) {
    if (!member.run?.isActive) continue;
    // The tile keeps its last curve; the run just stops counting as in progress.
    aborted.push(member.run.id);
    member.run.isActive = false;
  }
  markAllDirty(state);
  return aborted;
}
