/**
 * What a room keeps for its attention flags, per member and for the whole room, and their fresh
 * values. Apart from the judging (room-attention.ts) because members and the room state hold these
 * records (room-member.ts, room-state.ts) while the judging reads members and the state.
 */
import type { AttentionFlag, AttentionInput, AttentionKind } from "../../lib/classroom/attention";
import type { StoredFlag, TileFlag, Weights } from "../../lib/protocol";

/** What the room keeps per member for its flags. */
export type MemberAttention = {
  /** Null until the member's first judgement (then the time it was first seen in this room). */
  joinedAt: number | null;
  disconnectedAt: number | null;
  lastRunActivityAt: number | null;
  /** The run id and whether it was active at the last judgement: a change is run activity. */
  runKey: string | null;
  /** Per chapter cell, when the room first saw an attempt at it. */
  cellFirstAttemptAt: Map<number, number>;
  flags: AttentionFlag[];
  /** The teacher's seen marks: per kind, the level marked. */
  seen: Map<AttentionKind, number>;
  /** What the tile shows; replaced (a new array) only when it changed. */
  tileFlags: TileFlag[];
  tileKey: string;
  /** The latest run's flags at their worst, for storage (Run.flags). */
  run: { id: string; flags: StoredFlag[] } | null;
  health: { weights: Weights; value: AttentionInput["unitHealth"] } | null;
};

/** The room-wide part: when it last judged, and whose seen marks cleared since the hub last asked. */
export type RoomAttention = { refreshedAt: number; clearedIds: Set<string> };

/** A fresh member's attention state (no flags yet). */
export function createMemberAttention(): MemberAttention {
  return {
    joinedAt: null,
    disconnectedAt: null,
    lastRunActivityAt: null,
    runKey: null,
    cellFirstAttemptAt: new Map(),
    flags: [],
    seen: new Map(),
    tileFlags: [],
    tileKey: "[]",
    run: null,
    health: null,
  };
}

/** A fresh room's attention state. */
export function createRoomAttention(): RoomAttention {
  return { refreshedAt: Number.NEGATIVE_INFINITY, clearedIds: new Set() };
}
