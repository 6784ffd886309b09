/**
 * What goes in a class's next teacher frame: the ONE module that marks a change for the frame and
 * drains the marks into it. Room code changes a member's data, then calls one `mark*` here; the
 * tick calls {@link takeFrame}. Only marked members are visited, so an idle student costs nothing
 * per tick; maps are rationed per frame (oldest-waiting first) so a frame stays bounded even when
 * every student sends one. Frames are numbered: `tick` +1 per frame taken, so a teacher who misses
 * one sees the gap and resyncs (lib/protocol/frames.ts).
 */
import type { LiveStatus } from "../../lib/classroom/status";
import {
  type LossPoint,
  MAX_CURVE_POINTS,
  MAX_FRAME_POINTS_PER_PARTICIPANT,
  MAX_MAPS_PER_FRAME,
  type ParticipantDelta,
  type TeacherFrame,
} from "../../lib/protocol";
import {
  curvePoints,
  deriveStatus,
  displayName,
  isEdited,
  isReached,
  type Member,
  reachedStepList,
  toTile,
} from "./room-member";
import { countStatuses, type RoomState, toClassState } from "./room-state";

/**
 * A curve that replaces a tile's (a finished run's, a burst) travels thinned to this many points
 * (lib/curve's log-spaced thinning keeps the first steps exact). A tile's chart is 240 px wide and
 * the projector's about 1,000, so 300 points draw the same line as 1,000; the whole curve is
 * stored and reviewed. At 1,000 students ~100 runs finish each second, and their whole curves
 * were ~70 % of every frame's JSON (issue 13).
 */
export const FRAME_CURVE_POINTS = 300;

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

/** The member's status, reached flag or name may have changed (connect, disconnect, finish...). */
export function markMember(state: RoomState, member: Member): void {
  state.changes.memberIds.add(member.id);
}

/** Every member's status or name may change with a class-wide change (pause, anonymize, end). */
export function markEveryMember(state: RoomState): void {
  for (const id of state.members.keys()) state.changes.memberIds.add(id);
}

/** Class-wide state changed: the frame carries it. */
export function markClass(state: RoomState): void {
  state.changes.isClassChanged = true;
}

/** The participant left the class: the frame drops the tile. */
export function markRemoved(state: RoomState, participantId: string): void {
  state.changes.memberIds.delete(participantId);
  state.changes.removedIds.push(participantId);
}

/** The member's run was replaced or cleared: teachers clear the tile; nothing of the old run follows. */
export function markRunChanged(state: RoomState, member: Member): void {
  const changes = member.changes;
  changes.isRunChanged = true;
  changes.points = [];
  changes.isCurveReplaced = false;
  changes.isProgressChanged = false;
  changes.isMapChanged = false;
  markMember(state, member);
}

/** Step, loss or accuracy changed. */
export function markProgress(state: RoomState, member: Member): void {
  member.changes.isProgressChanged = true;
  markMember(state, member);
}

/** The member's map changed (the same bytes again are not a change: don't call it for those). */
export function markMap(state: RoomState, member: Member): void {
  member.changes.isMapChanged = true;
  markMember(state, member);
}

/**
 * Points the member's curve just kept go on the tile. A teacher that stalls or a burst (a Max
 * run's first update) must not grow them without bound: past MAX_FRAME_POINTS_PER_PARTICIPANT the
 * frame sends the kept curve whole instead, so the tile keeps the same shape as the server's.
 */
export function markPoints(state: RoomState, member: Member, kept: readonly LossPoint[]): void {
  const changes = member.changes;
  if (!changes.isCurveReplaced) changes.points.push(...kept);
  if (changes.points.length > MAX_FRAME_POINTS_PER_PARTICIPANT) markCurveReplaced(state, member);
  else markMember(state, member);
}

/** The tile's curve is replaced with the member's whole one (a finished run's, a burst). */
export function markCurveReplaced(state: RoomState, member: Member): void {
  member.changes.points = [];
  member.changes.isCurveReplaced = true;
  markMember(state, member);
}

/**
 * The member's curve was replaced by a reconnecting student's: the frame carries the run id again
 * (teachers clear the tile), `framePoints` of the new curve, and the map again (cleared with it).
 */
export function markCurveResumed(state: RoomState, member: Member, framePoints: number): void {
  markRunChanged(state, member);
  member.changes.points = curvePoints(member, framePoints);
  member.changes.isMapChanged = member.map !== null;
  member.changes.isProgressChanged = true;
}

/** A cell's result changed. */
export function markCell(state: RoomState, member: Member, cell: number): void {
  member.changes.cells.add(cell);
  markMember(state, member);
}

/** The member's run got a point edit. */
export function markEdited(state: RoomState, member: Member): void {
  member.changes.isEditChanged = true;
  markMember(state, member);
}

/** The member's lesson step or reached steps changed. */
export function markLesson(state: RoomState, member: Member): void {
  member.changes.isLessonChanged = true;
  markMember(state, member);
}

/**
 * Takes the next frame from the room's marks, or null if nothing changed since the last one.
 * Members whose map missed this frame's budget stay marked for the next tick.
 */
export function takeFrame(state: RoomState, t: number): TeacherFrame | null {
  const changes = state.changes;
  const hasWork = changes.memberIds.size > 0 || changes.removedIds.length > 0 || changes.isClassChanged;
  if (!hasWork) return null;

  let mapBudget = MAX_MAPS_PER_FRAME;
  const participants: ParticipantDelta[] = [];
  const stillMarked: string[] = [];
  // Set iteration order is insertion order: members waiting longest for a map come first.
  for (const id of changes.memberIds) {
    const member = state.members.get(id);
    if (!member) continue;
    const delta = takeDelta(
      member,
      deriveStatus(member, state),
      displayName(member, state.isAnonymized),
      mapBudget > 0,
    );
    if (delta?.map) mapBudget--;
    if (delta) participants.push(delta);
    if (hasMarks(member.changes)) stillMarked.push(id);
  }
  changes.memberIds = new Set(stillMarked);
  for (const id of changes.removedIds) participants.push({ id, isRemoved: true });
  changes.removedIds = [];

  const isClassChanged = changes.isClassChanged;
  changes.isClassChanged = false;
  if (participants.length === 0 && !isClassChanged) return null;

  state.tick++;
  const frame: TeacherFrame = { t, tick: state.tick, participants, counts: countStatuses(state) };
  if (isClassChanged) frame.class = toClassState(state);
  return frame;
}

/**
 * The member's changes since the last frame, or null if none, and clears the marks it took. The
 * map is included only when `canSendMap` (the frame's map budget); otherwise it stays marked.
 */
function takeDelta(member: Member, status: LiveStatus, name: string, canSendMap: boolean): ParticipantDelta | null {
  const changes = member.changes;
  if (changes.isNew) {
    const tile = toTile(member, status, name, MAX_CURVE_POINTS);
    Object.assign(changes, createMemberChanges(), { isNew: false });
    Object.assign(changes, {
      sentStatus: status,
      sentIsReached: isReached(member),
      sentName: name,
      sentFlags: member.attention.tileFlags,
    });
    changes.sentGroup = member.group;
    return tile;
  }
  const delta: ParticipantDelta = { id: member.id };
  let hasChanges = false;
  if (changes.isRunChanged) {
    // The client clears curve and map when runId arrives; a new map follows with isMapChanged.
    Object.assign(delta, { runId: member.run?.id ?? null, config: member.run?.config ?? null });
    changes.isRunChanged = false;
    changes.isProgressChanged = true;
    hasChanges = true;
  }
  if (status !== changes.sentStatus) {
    delta.status = status;
    changes.sentStatus = status;
    hasChanges = true;
  }
  if (isReached(member) !== changes.sentIsReached) {
    delta.isReached = isReached(member);
    changes.sentIsReached = delta.isReached;
    hasChanges = true;
  }
  if (name !== changes.sentName) {
    delta.name = name;
    changes.sentName = name;
    hasChanges = true;
  }
  if (member.attention.tileFlags !== changes.sentFlags) {
    delta.flags = member.attention.tileFlags;
    changes.sentFlags = delta.flags;
    hasChanges = true;
  }
  if (member.group !== (changes.sentGroup ?? null)) {
    delta.group = member.group;
    changes.sentGroup = member.group;
    hasChanges = true;
  }
  if (changes.isProgressChanged) {
    Object.assign(delta, { step: member.step, loss: member.loss, accuracy: member.accuracy });
    changes.isProgressChanged = false;
    hasChanges = true;
  }
  if (changes.isCurveReplaced) {
    delta.curve = curvePoints(member, FRAME_CURVE_POINTS);
    changes.isCurveReplaced = false;
    hasChanges = true;
  }
  if (changes.points.length > 0) {
    delta.points = changes.points;
    changes.points = [];
    hasChanges = true;
  }
  if (changes.isMapChanged && canSendMap) {
    delta.map = member.map;
    changes.isMapChanged = false;
    hasChanges = true;
  }
  if (changes.cells.size > 0) {
    delta.cells = [...changes.cells].flatMap((cell) => member.cells.get(cell) ?? []);
    changes.cells.clear();
    hasChanges = true;
  }
  if (changes.isLessonChanged) {
    Object.assign(delta, { lessonStep: member.lessonStep, reachedSteps: reachedStepList(member) });
    changes.isLessonChanged = false;
    hasChanges = true;
  }
  if (changes.isEditChanged || delta.runId !== undefined) {
    delta.isEdited = isEdited(member);
    changes.isEditChanged = false;
    hasChanges = true;
  }
  return hasChanges ? delta : null;
}

/** True when the member still has something for a later frame (a map that missed the budget). */
function hasMarks(changes: MemberChanges): boolean {
  return (
    changes.isNew ||
    changes.isRunChanged ||
    changes.isProgressChanged ||
    changes.isMapChanged ||
    changes.points.length > 0 ||
    changes.isCurveReplaced ||
    changes.cells.size > 0 ||
    changes.isLessonChanged ||
    changes.isEditChanged
  );
}
