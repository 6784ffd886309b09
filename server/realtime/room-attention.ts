/**
 * The room's attention flags: each member's "needs attention" flags (lib/classroom/attention),
 * judged from what the room already holds (the live curve, the reported accuracy, cell checks,
 * the socket's presence, the weights the server has), at most once per
 * {@link ATTENTION_REFRESH_MS} for the whole room (not per progress event), and put on the tile
 * when they change. The teacher's seen marks live here too; a mark whose condition cleared is
 * dropped and reported ({@link takeClearedSeen}) so storage forgets it as well.
 */
import {
  type AttentionFlag,
  type AttentionInput,
  type AttentionKind,
  attentionFlags,
  designedPlateauUntilStep,
  keepSeenMarks,
  markSeen,
  OFFLINE_FLAG_SECONDS,
  RUN_ATTENTION_KINDS,
  visibleFlags,
  worstFlags,
} from "../../lib/classroom/attention";
import { PARTICIPANT_STATUS } from "../../lib/classroom/status";
import { DEFAULT_N, fromChapterWeights, makeDataset } from "../../lib/ml/nn";
import { unitHealth } from "../../lib/ml/nn/unit-health";
import type { StoredFlag, StoredSeenMarks } from "../../lib/protocol";
import { editedDataset } from "../../lib/training/point-edits";
import type { MemberAttention } from "./room-attention-state";
import { markMember } from "./room-marks";
import type { Member } from "./room-member";
import type { RoomState } from "./room-state";

/**
 * How often the room judges every member: idle, offline and stuck-cell flags are about minutes and
 * tens of seconds, a plateau about hundreds of steps, so once a second is prompt and costs 300
 * judgements a second in a full class, whatever the progress rate.
 */
export const ATTENTION_REFRESH_MS = 1000;
/**
 * A member's seen marks are kept this long after the room first judged them, whatever the flags
 * say: after a server restart the room starts with every student disconnected and no live curve,
 * and the marks restored from storage must not be dropped before the students' pages reconnect.
 */
export const SEEN_MARKS_GRACE_MS = OFFLINE_FLAG_SECONDS * 1000;

/** Judges every member, unless the room did less than {@link ATTENTION_REFRESH_MS} ago. */
export function refreshAttention(state: RoomState, now: number): void {
  if (now - state.attention.refreshedAt < ATTENTION_REFRESH_MS) return;
  state.attention.refreshedAt = now;
  for (const member of state.members.values()) refreshMember(state, member, now);
}

/** Judges one member now; marks the tile when what it shows changed. */
export function refreshMember(state: RoomState, member: Member, now: number): void {
  const attention = member.attention;
  noteChanges(attention, member, now);
  const flags = attentionFlags(toInput(attention, member, now));
  attention.flags = flags;
  const isGrace = now - (attention.joinedAt ?? now) < SEEN_MARKS_GRACE_MS;
  const kept = isGrace ? attention.seen : keepSeenMarks(attention.seen, flags);
  if (kept.size !== attention.seen.size) {
    attention.seen = kept;
    state.attention.clearedIds.add(member.id);
  }
  noteRunFlags(attention, member, flags);
  showFlags(state, member);
}

/** The member's seen marks, as stored. */
export function seenMarks(member: Member): StoredSeenMarks {
  return Object.fromEntries(member.attention.seen);
}

/**
 * The seen marks after the teacher marks `kind` seen at its level now, or null when the member
 * has no such flag (nothing to mark). The room is not changed: the mark is stored first.
 */
export function marksAfterSeen(member: Member, kind: AttentionKind): StoredSeenMarks | null {
  const flags = member.attention.flags.filter((flag) => flag.kind === kind);
  if (flags.length === 0) return null;
  return Object.fromEntries(markSeen(member.attention.seen, flags));
}

/** A stored seen mark takes effect (after its write committed); the tile's next frame shows it. */
export function applySeenMark(state: RoomState, member: Member, kind: AttentionKind, level: number): void {
  const seen = member.attention.seen;
  seen.set(kind, Math.max(seen.get(kind) ?? 0, level));
  showFlags(state, member);
}

/** Participants whose seen marks cleared since the last call, with their marks now (for storage). */
export function takeClearedSeen(state: RoomState): { participantId: string; marks: StoredSeenMarks }[] {
  const cleared = [...state.attention.clearedIds].flatMap((participantId) => {
    const member = state.members.get(participantId);
    return member ? [{ participantId, marks: seenMarks(member) }] : [];
  });
  state.attention.clearedIds.clear();
  return cleared;
}

/** The run's flags at their worst, for storage (Run.flags); [] for another run than the member's latest. */
export function runFlags(member: Member, runId: string): StoredFlag[] {
  const run = member.attention.run;
  return run?.id === runId ? run.flags : [];
}

function showFlags(state: RoomState, member: Member): void {
  const attention = member.attention;
  const visible = new Set(visibleFlags(attention.flags, attention.seen));
  const tileFlags = attention.flags.map((flag) => ({ ...flag, isSeen: !visible.has(flag) }));
  const key = JSON.stringify(tileFlags);
  if (key === attention.tileKey) return;
  attention.tileFlags = tileFlags;
  attention.tileKey = key;
  markMember(state, member);
}

/** Notes joins, disconnects, run starts and ends, and first cell attempts since the last judgement. */
function noteChanges(attention: MemberAttention, member: Member, now: number): void {
  const run = member.run;
  const runKey = run ? `${run.id}:${run.isActive}` : null;
  if (attention.joinedAt === null) {
    attention.joinedAt = now;
    // A member restored from storage: its run's start is its last known activity.
    attention.lastRunActivityAt = run ? (run.finishedAt ?? run.startedAt) : null;
  } else if (runKey !== attention.runKey) {
    // A start, a finish, or a reset (the run gone): the student did something with a run just now.
    attention.lastRunActivityAt = now;
  }
  attention.runKey = runKey;
  if (member.isConnected) attention.disconnectedAt = null;
  else attention.disconnectedAt ??= now;
  for (const cell of member.cells.values())
    if (cell.attempts > 0 && !attention.cellFirstAttemptAt.has(cell.cell))
      attention.cellFirstAttemptAt.set(cell.cell, now);
}

function toInput(attention: MemberAttention, member: Member, now: number): AttentionInput {
  const run = member.run;
  return {
    now,
    disconnectedAt: attention.disconnectedAt,
    joinedAt: attention.joinedAt ?? now,
    lastRunActivityAt: attention.lastRunActivityAt,
    run: run && {
      isActive: run.isActive,
      isDiverged: run.outcomeStatus === PARTICIPANT_STATUS.diverged,
      step: member.step,
      curve: member.curve,
      accuracy: member.accuracy,
      targetAccuracy: run.config.targetAccuracy,
      designedPlateauUntilStep: designedPlateauUntilStep(run.config),
    },
    unitHealth: healthOf(attention, member),
    cells: [...member.cells.values()].map((cell) => ({
      cell: cell.cell,
      isPassed: cell.isPassed,
      failedAttempts: cell.isPassed ? 0 : cell.attempts,
      firstAttemptAt: attention.cellFirstAttemptAt.get(cell.cell) ?? null,
    })),
  };
}

/**
 * Dead units of the latest weights the server has for the member's run: the watched student's
 * live ones (network:weights) or a finished run's final ones. Recomputed only for new weights.
 */
function healthOf(attention: MemberAttention, member: Member): AttentionInput["unitHealth"] {
  const run = member.run;
  if (!run) return null;
  const weights = member.network?.runId === run.id ? member.network.weights : (run.weights ?? null);
  if (!weights) return null;
  if (attention.health?.weights === weights) return attention.health.value;
  let value: AttentionInput["unitHealth"] = null;
  try {
    const config = run.config;
    const base = makeDataset(config.dataset, { n: DEFAULT_N, noise: config.noise, seed: config.dataSeed });
    const net = fromChapterWeights(weights, { activation: weights.activation });
    const { dead, hidden } = unitHealth(net, editedDataset(base, run.edits));
    value = { dead, hidden };
  } catch {
    // Weights the core refuses (non-finite): no verdict on their units.
  }
  attention.health = { weights, value };
  return value;
}

/** Keeps the worst level of each run flag raised while the member's latest run is watched. */
function noteRunFlags(attention: MemberAttention, member: Member, flags: readonly AttentionFlag[]): void {
  const run = member.run;
  if (!run) return;
  const before = attention.run?.id === run.id ? attention.run.flags : [];
  const raised = flags.filter((flag) => RUN_ATTENTION_KINDS.has(flag.kind));
  attention.run = { id: run.id, flags: raised.length > 0 ? worstFlags([before, raised]) : before };
}
