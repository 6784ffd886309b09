/**
 * Coalescing: turns everything that changed since the last tick into one teacher frame. Only
 * dirty members are visited, so an idle student costs nothing per tick; maps are rationed per
 * frame (oldest-waiting first) so a frame stays bounded even when every student sends one.
 */
import { MAX_MAPS_PER_FRAME, type ParticipantDelta, type TeacherFrame } from "../../lib/protocol";
import { deriveStatus, displayName, hasPendingChanges, takeDelta } from "./room-member";
import { countStatuses, type RoomState, toClassState } from "./room-state";

/**
 * Takes the next frame from the room, or null if nothing changed since the last one. Members
 * whose map missed this frame's budget stay dirty for the next tick.
 */
export function takeFrame(state: RoomState, t: number): TeacherFrame | null {
  const hasWork = state.dirtyIds.size > 0 || state.removedPending.length > 0 || state.isClassDirty;
  if (!hasWork) return null;

  let mapBudget = MAX_MAPS_PER_FRAME;
  const participants: ParticipantDelta[] = [];
  const stillDirty: string[] = [];
  // Set iteration order is insertion order: members waiting longest for a map come first.
  for (const id of state.dirtyIds) {
    const member = state.members.get(id);
    if (!member) continue;
    const canSendMap = mapBudget > 0;
    const hadMap = member.isMapDirty;
    const delta = takeDelta(member, deriveStatus(member, state), displayName(member, state.isAnonymized), canSendMap);
    if (hadMap && !member.isMapDirty) mapBudget--;
    if (delta) participants.push(delta);
    if (hasPendingChanges(member)) stillDirty.push(id);
  }
  state.dirtyIds = new Set(stillDirty);
  for (const id of state.removedPending) participants.push({ id, isRemoved: true });
  state.removedPending = [];

  const isClassChanged = state.isClassDirty;
  state.isClassDirty = false;
  if (participants.length === 0 && !isClassChanged) return null;

  state.tick++;
  const frame: TeacherFrame = { t, tick: state.tick, participants, counts: countStatuses(state) };
  if (isClassChanged) frame.class = toClassState(state);
  return frame;
}
