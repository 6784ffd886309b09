/**
 * Class controls applied to a room's state. Each returns an effect: which control message every
 * student must get now (reliable, not on the tick) and who was removed. The teacher sees the
 * result in the next frame.
 */
import { CLASS_CONTROL, type ClassControl, ERROR_CODE, STUDENT_CONTROL } from "../../lib/protocol";
import { type RunSnapshot, runSnapshots } from "./room-active-runs";
import { admitWaiting, denyWaiting, waitingIds } from "./room-admission";
import { type GroupsWrite, setGroupExperiment } from "./room-groups";
import { markClass, markEveryMember, markRemoved, markRunChanged } from "./room-marks";
import { clearRun } from "./room-member";
import { fail, type RoomResult, type RoomState } from "./room-state";

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
  /** Waiting students let in: their waiting sockets enter the class (session:state). */
  admittedIds: string[];
  /**
   * Waiting students refused: denied, or still waiting when the session ended (notice "ended");
   * their sockets are told why and closed.
   */
  deniedIds: string[];
  /** A group experiment pushed or ended: what to store (room-groups.ts). */
  groups?: GroupsWrite;
};

const NO_EFFECT: ControlEffect = {
  notice: null,
  removedParticipantId: null,
  abortedRunIds: [],
  cutShortRuns: [],
  admittedIds: [],
  deniedIds: [],
};

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
    case CLASS_CONTROL.groups: {
      // Like changeSettings: everyone restarts, each with their group's settings (a new generation).
      const reset = withSnapshots(state, resetAll);
      return done({ notice: STUDENT_CONTROL.reset, ...reset, groups: setGroupExperiment(state, command.experiment) });
    }
    case CLASS_CONTROL.closeJoining:
    case CLASS_CONTROL.openJoining:
      state.isJoinOpen = command.type === CLASS_CONTROL.openJoining;
      markClass(state);
      return done({});
    case CLASS_CONTROL.remove:
      return remove(state, command.participantId);
    case CLASS_CONTROL.end: {
      // Waiting students are refused with the end: nobody can let them in any more.
      const deniedIds = denyWaiting(state, waitingIds(state));
      return done({ notice: STUDENT_CONTROL.ended, deniedIds, ...withSnapshots(state, endSession) });
    }
    case CLASS_CONTROL.requireApproval:
      state.isApprovalRequired = command.isRequired;
      markClass(state);
      return done({});
    case CLASS_CONTROL.admit:
    case CLASS_CONTROL.deny: {
      if (!state.waiting.has(command.participantId)) return fail(ERROR_CODE.notFound, "No such waiting student");
      const ids = new Set([command.participantId]);
      return done(
        command.type === CLASS_CONTROL.admit
          ? { admittedIds: admitWaiting(state, ids) }
          : { deniedIds: denyWaiting(state, ids) },
      );
    }
    case CLASS_CONTROL.admitAllWaiting:
      return done({ admittedIds: admitWaiting(state, waitingIds(state)) });
    case CLASS_CONTROL.denyAllWaiting:
      return done({ deniedIds: denyWaiting(state, waitingIds(state)) });
    case CLASS_CONTROL.anonymize:
      state.isAnonymized = command.isAnonymized;
      markClass(state);
      markEveryMember(state);
      return done({});
    case CLASS_CONTROL.pointEdits:
      // Only the switch changes: runs go on, and every student is told (their page's clicks follow).
      state.settings = { ...state.settings, allowPointEdits: command.isAllowed };
      markClass(state);
      return done({ notice: STUDENT_CONTROL.settings });
    case CLASS_CONTROL.spotlight:
      if (command.participantId !== null && !state.members.has(command.participantId)) {
        return fail(ERROR_CODE.notFound, "No such participant");
      }
      state.spotlightId = command.participantId;
      markClass(state);
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
  markClass(state);
  // Every tile's status may flip between training/joined and paused.
  markEveryMember(state);
}

/** Every tile starts blank under the current settings; returns the runs that were in progress. */
function resetAll(state: RoomState): string[] {
  state.generation++;
  markClass(state);
  const aborted: string[] = [];
  for (const member of state.members.values()) {
    if (member.run?.isActive) aborted.push(member.run.id);
    clearRun(member, null);
    markRunChanged(state, member);
  }
  return aborted;
}

function remove(state: RoomState, participantId: string): RoomResult<{ effect: ControlEffect }> {
  const member = state.members.get(participantId);
  if (!member) return fail(ERROR_CODE.notFound, "No such participant");
  const abortedRunIds = member.run?.isActive ? [member.run.id] : [];
  const cutShortRuns = runSnapshots(state, new Set(abortedRunIds));
  state.members.delete(participantId);
  state.removedIds.add(participantId);
  markRemoved(state, participantId);
  if (state.spotlightId === participantId) {
    state.spotlightId = null;
    markClass(state);
  }
  return done({ removedParticipantId: participantId, abortedRunIds, cutShortRuns });
}

function endSession(state: RoomState): string[] {
  state.isEnded = true;
  state.isJoinOpen = false;
  markClass(state);
  const aborted: string[] = [];
  for (const member of state.members.values()) {
    if (!member.run?.isActive) continue;
    // The tile keeps its last curve; the run just stops counting as in progress.
    aborted.push(member.run.id);
    member.run.isActive = false;
  }
  markEveryMember(state);
  return aborted;
}
