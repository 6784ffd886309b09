/**
 * What goes in a class's next teacher frame: the tick calls {@link takeFrame}, which drains the
 * marks that room code set through room-marks.ts. Only marked members are visited, so an idle
 * student costs nothing per tick; maps are rationed per frame (oldest-waiting first) so a frame
 * stays bounded even when every student sends one. Frames are numbered: `tick` +1 per frame taken,
 * so a teacher who misses one sees the gap and resyncs (lib/protocol/frames.ts).
 */
import type { LiveStatus } from "../../lib/classroom/status";
import { MAX_CURVE_POINTS, MAX_MAPS_PER_FRAME, type ParticipantDelta, type TeacherFrame } from "../../lib/protocol";
import { createMemberChanges, type MemberChanges, markRunChanged } from "./room-marks";
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
import { countStatuses, type RoomState } from "./room-state";
import { toClassState } from "./room-views";

/**
 * A curve that replaces a tile's (a finished run's, a burst) travels thinned to this many points
 * (lib/curve's log-spaced thinning keeps the first steps exact). A tile's chart is 240 px wide and
 * the projector's about 1,000, so 300 points draw the same line as 1,000; the whole curve is
 * stored and reviewed. At 1,000 students ~100 runs finish each second, and their whole curves
 * were ~70 % of every frame's JSON (issue 13).
 */
export const FRAME_CURVE_POINTS = 300;
/**
 * The member's curve was replaced by a reconnecting student's: the frame carries the run id again
 * (teachers clear the tile), `framePoints` of the new curve, and the map again (cleared with it).
 * Marked here rather than in room-marks.ts because it reads the member's curve.
 */
export function markCurveResumed(state: RoomState, member: Member, framePoints: number): void {
  markRunChanged(state, member);
  member.changes.points = curvePoints(member, framePoints);
  member.changes.isMapChanged = member.map !== null;
  member.changes.isProgressChanged = true;
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
