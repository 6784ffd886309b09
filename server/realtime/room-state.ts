/**
 * The internal state of one class room, its lookups and its counts. The views built from it for
 * teachers and students are in room-views.ts; mutations live in class-room.ts and room-*.ts; what
 * the next frame carries is marked in room-marks.ts.
 */
import type { GroupExperiment } from "../../lib/classroom/groups";
import type { SessionSettings } from "../../lib/classroom/settings";
import { LIVE_STATUSES } from "../../lib/classroom/status";
import type { Pacing, SessionLesson } from "../../lib/lessons";
import type { CompareView, Counts, ProtocolError, WaitingStudent } from "../../lib/protocol";
import { ERROR_CODE } from "../../lib/protocol";
import type { RoomAttention } from "./room-attention-state";
import type { RoomChanges } from "./room-marks";
import { deriveStatus, isReached, type Member } from "./room-member";

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
  /** What the next frame carries; marked by room-marks.ts, drained by room-frame.ts. */
  changes: RoomChanges;
  /** When the room last judged its members' attention flags (room-attention.ts). */
  attention: RoomAttention;
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
