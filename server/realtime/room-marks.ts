/**
 * The marks of what a class's next teacher frame carries: the ONE module that marks a change for
 * the frame (room-frame.ts drains the marks into it). Room code changes a member's data, then calls
 * one `mark*` here. Marks need only a member's id and its change record, and a room's members and
 * change record, so this module imports no room module: member and state (room-member.ts,
 * room-state.ts) hold these records, and every room-* file that changes them marks through here.
 */
import type { LiveStatus } from "../../lib/classroom/status";
import type { LossPoint } from "../../lib/protocol";
import { MAX_FRAME_POINTS_PER_PARTICIPANT } from "../../lib/protocol";

/** One member's marks: what their next delta must carry, and what the teachers were last sent. */
export type MemberChanges = {
  /** Not yet in any frame: the next one carries the whole tile. */
  isNew: boolean;
  /** A new run (or none after a reset): the delta carries runId, teachers clear curve and map. */
  isRunChanged: boolean;
  isProgressChanged: boolean;
  isMapChanged: boolean;
  /** Loss points kept since the last frame, to append on the tile. */
  points: LossPoint[];
  /** The next frame carries the whole curve (it replaces the tile's): a finish, or a burst of points. */
  isCurveReplaced: boolean;
  cells: Set<number>;
  /** lessonStep or reachedSteps changed. */
  isLessonChanged: boolean;
  /** The run's point-edit log grew (the tile says "edited data"). */
  isEditChanged: boolean;
  // Derived fields are compared with what was last sent rather than marked.
  sentStatus: LiveStatus | null;
  sentIsReached: boolean | null;
  sentName: string | null;
  /** The attention flags last sent (room-attention.ts replaces the array when they change). */
  sentFlags: readonly unknown[] | null;
  /** The group last sent (undefined: none sent yet). */
  sentGroup?: number | null;
};

/** The class's marks. */
export type RoomChanges = {
  /** Members with something for the next frame, in the order they were first marked. */
  memberIds: Set<string>;
  /** Removals not yet reported in a frame. */
  removedIds: string[];
  isClassChanged: boolean;
};

/** A new member's marks: their first frame carries the whole tile. */
export function createMemberChanges(): MemberChanges {
  return {
    isNew: true,
    isRunChanged: false,
    isProgressChanged: false,
    isMapChanged: false,
    points: [],
    isCurveReplaced: false,
    cells: new Set(),
    isLessonChanged: false,
    isEditChanged: false,
    sentStatus: null,
    sentIsReached: null,
    sentName: null,
    sentFlags: null,
  };
}

/** A new room's marks: nothing yet. */
export function createRoomChanges(): RoomChanges {
  return { memberIds: new Set(), removedIds: [], isClassChanged: false };
}

/** What a mark needs of a member (room-member.ts Member): its id and its change record. */
export type MarkedMember = { id: string; changes: MemberChanges };

/** What a mark needs of a room (room-state.ts RoomState): its members' ids and its change record. */
export type MarkedRoom = { members: ReadonlyMap<string, unknown>; changes: RoomChanges };

/** The member's status, reached flag or name may have changed (connect, disconnect, finish...). */
export function markMember(state: MarkedRoom, member: MarkedMember): void {
  state.changes.memberIds.add(member.id);
}

/** Every member's status or name may change with a class-wide change (pause, anonymize, end). */
export function markEveryMember(state: MarkedRoom): void {
  for (const id of state.members.keys()) state.changes.memberIds.add(id);
}

/** Class-wide state changed: the frame carries it. */
export function markClass(state: MarkedRoom): void {
  state.changes.isClassChanged = true;
}

/** The participant left the class: the frame drops the tile. */
export function markRemoved(state: MarkedRoom, participantId: string): void {
  state.changes.memberIds.delete(participantId);
  state.changes.removedIds.push(participantId);
}

/** The member's run was replaced or cleared: teachers clear the tile; nothing of the old run follows. */
export function markRunChanged(state: MarkedRoom, member: MarkedMember): void {
  const changes = member.changes;
  changes.isRunChanged = true;
  changes.points = [];
  changes.isCurveReplaced = false;
  changes.isProgressChanged = false;
  changes.isMapChanged = false;
  markMember(state, member);
}

/** Step, loss or accuracy changed. */
export function markProgress(state: MarkedRoom, member: MarkedMember): void {
  member.changes.isProgressChanged = true;
  markMember(state, member);
}

/** The member's map changed (the same bytes again are not a change: don't call it for those). */
export function markMap(state: MarkedRoom, member: MarkedMember): void {
  member.changes.isMapChanged = true;
  markMember(state, member);
}

/**
 * Points the member's curve just kept go on the tile. A teacher that stalls or a burst (a Max
 * run's first update) must not grow them without bound: past MAX_FRAME_POINTS_PER_PARTICIPANT the
 * frame sends the kept curve whole instead, so the tile keeps the same shape as the server's.
 */
export function markPoints(state: MarkedRoom, member: MarkedMember, kept: readonly LossPoint[]): void {
  const changes = member.changes;
  if (!changes.isCurveReplaced) changes.points.push(...kept);
  if (changes.points.length > MAX_FRAME_POINTS_PER_PARTICIPANT) markCurveReplaced(state, member);
  else markMember(state, member);
}

/** The tile's curve is replaced with the member's whole one (a finished run's, a burst). */
export function markCurveReplaced(state: MarkedRoom, member: MarkedMember): void {
  member.changes.points = [];
  member.changes.isCurveReplaced = true;
  markMember(state, member);
}

/** A cell's result changed. */
export function markCell(state: MarkedRoom, member: MarkedMember, cell: number): void {
  member.changes.cells.add(cell);
  markMember(state, member);
}

/** The member's run got a point edit. */
export function markEdited(state: MarkedRoom, member: MarkedMember): void {
  member.changes.isEditChanged = true;
  markMember(state, member);
}

/** The member's lesson step or reached steps changed. */
export function markLesson(state: MarkedRoom, member: MarkedMember): void {
  member.changes.isLessonChanged = true;
  markMember(state, member);
}
