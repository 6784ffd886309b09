/**
 * One participant's latest state inside a class room, and how it turns into a tile (snapshot)
 * or a delta (frame). Only the room module mutates members; nothing here touches sockets.
 */
import { anonymousName } from "../../lib/classroom/nickname";
import type { RunConfig } from "../../lib/classroom/settings";
import { PARTICIPANT_STATUS, type ParticipantStatus } from "../../lib/classroom/status";
import {
  type CellResult,
  type LossPoint,
  MAX_CURVE_POINTS,
  MAX_FRAME_POINTS_PER_PARTICIPANT,
  type ParticipantDelta,
  type ParticipantTile,
} from "../../lib/protocol";
import { type CurveBuffer, createCurveBuffer } from "./curve-buffer";
import type { FinishedRun } from "./room-runs";

/** The participant's current or last run. */
export type MemberRun = {
  id: string;
  config: RunConfig;
  generation: number;
  startedAt: number;
  isActive: boolean;
  hasReachedTarget: boolean;
  /** Step at which accuracy first reached the target (Run.targetReachedStep). */
  targetReachedStep: number | null;
  /** Set when the run ended: diverged, reachedTarget or finished. */
  outcomeStatus: ParticipantStatus | null;
  /** The finish as accepted, so a resent run:finish (its ack lost or not yet durable) is answered again. */
  finishedRecord?: FinishedRun;
};

/** A participant as the room keeps it. */
export type Member = {
  id: string;
  nickname: string;
  /** Join order, 1-based, stable: "Student N". */
  number: number;
  isConnected: boolean;
  run: MemberRun | null;
  step: number;
  /** Highest step whose loss point was kept; older or repeated points are dropped. */
  lastPointStep: number;
  loss: number | null;
  accuracy: number | null;
  map: Uint8Array | null;
  curve: CurveBuffer;
  cells: Map<number, CellResult>;
  /** Token bucket for progress messages (see room-runs.ts takeProgressToken). */
  progressTokens: number;
  progressRefilledAt: number;
  lastMapAt: number;
  lastRunStartAt: number;
  lastResumeAt: number;
  // Dirty tracking: what the next frame must carry for this member.
  isNew: boolean;
  isRunChanged: boolean;
  isProgressDirty: boolean;
  isMapDirty: boolean;
  pendingPoints: LossPoint[];
  dirtyCells: Set<number>;
  sentStatus: ParticipantStatus | null;
  sentName: string | null;
};

/** A member that just joined (connected) or was restored from storage (disconnected). */
export function createMember(id: string, nickname: string, number: number, isConnected: boolean): Member {
  return {
    id,
    nickname,
    number,
    isConnected,
    run: null,
    step: 0,
    lastPointStep: -1,
    loss: null,
    accuracy: null,
    map: null,
    curve: createCurveBuffer(MAX_CURVE_POINTS),
    cells: new Map(),
    progressTokens: Number.POSITIVE_INFINITY,
    progressRefilledAt: Number.NEGATIVE_INFINITY,
    lastMapAt: Number.NEGATIVE_INFINITY,
    lastRunStartAt: Number.NEGATIVE_INFINITY,
    lastResumeAt: Number.NEGATIVE_INFINITY,
    isNew: true,
    isRunChanged: false,
    isProgressDirty: false,
    isMapDirty: false,
    pendingPoints: [],
    dirtyCells: new Set(),
    sentStatus: null,
    sentName: null,
  };
}

/** Forgets the run (reset, new run): curve, map and figures go, the tile starts blank. */
export function clearRun(member: Member, run: MemberRun | null): void {
  member.run = run;
  member.step = 0;
  member.lastPointStep = -1;
  member.loss = null;
  member.accuracy = null;
  member.map = null;
  member.curve.clear();
  member.pendingPoints = [];
  member.isRunChanged = true;
  member.isProgressDirty = false;
  member.isMapDirty = false;
}

/** Appends points newer than the last kept one, to the curve and to the next frame's points. */
export function appendPoints(member: Member, points: readonly LossPoint[]): void {
  for (const [step, loss] of points) {
    if (step <= member.lastPointStep) continue;
    member.lastPointStep = step;
    member.loss = loss;
    member.curve.append(step, loss);
    member.pendingPoints.push([step, loss]);
  }
  // A teacher that stalls or a burst after a reconnect must not grow this without bound.
  if (member.pendingPoints.length > MAX_FRAME_POINTS_PER_PARTICIPANT) {
    member.pendingPoints = decimateKeepingLast(member.pendingPoints, MAX_FRAME_POINTS_PER_PARTICIPANT);
  }
}

/**
 * Replaces the run's curve with `points` (a reconnecting student's whole curve so far). The next
 * frame carries the run id again, so teachers clear the tile, then `framePoints` of the new curve.
 */
export function replaceCurve(member: Member, points: readonly LossPoint[], framePoints: number): void {
  member.curve.clear();
  member.lastPointStep = -1;
  appendPoints(member, points);
  member.pendingPoints = member.curve.toPoints(framePoints);
  member.isRunChanged = true;
  // The teacher clears the map with the run id: send the one we have again.
  member.isMapDirty = member.map !== null;
}

function decimateKeepingLast(points: LossPoint[], max: number): LossPoint[] {
  const every = Math.ceil(points.length / max);
  const kept: LossPoint[] = [];
  for (let i = points.length - 1; i >= 0 && kept.length < max; i -= every) {
    const point = points[i];
    if (point) kept.push(point);
  }
  return kept.reverse();
}

/** Class-wide facts a member's status depends on. */
export type StatusContext = { isPaused: boolean };

/**
 * What the tile shows. Precedence: disconnected, then the run's end or target, then the class
 * pause, then training or idle.
 */
export function deriveStatus(member: Member, context: StatusContext): ParticipantStatus {
  if (!member.isConnected) return PARTICIPANT_STATUS.disconnected;
  const run = member.run;
  if (run?.outcomeStatus) return run.outcomeStatus;
  if (run?.hasReachedTarget) return PARTICIPANT_STATUS.reachedTarget;
  if (context.isPaused) return PARTICIPANT_STATUS.paused;
  if (run?.isActive) return PARTICIPANT_STATUS.training;
  return PARTICIPANT_STATUS.joined;
}

/** The name a tile shows: the nickname, or "Student N" while anonymized. */
export function displayName(member: Member, isAnonymized: boolean): string {
  return isAnonymized ? anonymousName(member.number) : member.nickname;
}

/** Cells sorted by number, for tiles and student state. */
export function cellList(member: Member): CellResult[] {
  return [...member.cells.values()].sort((a, b) => a.cell - b.cell);
}

/** The full tile, with the curve downsampled to `curvePoints`. */
export function toTile(member: Member, status: ParticipantStatus, name: string, curvePoints: number): ParticipantTile {
  return {
    id: member.id,
    number: member.number,
    name,
    status,
    runId: member.run?.id ?? null,
    config: member.run?.config ?? null,
    step: member.step,
    loss: member.loss,
    accuracy: member.accuracy,
    points: member.curve.toPoints(curvePoints),
    map: member.map,
    cells: cellList(member),
  };
}

/**
 * The member's changes since the last frame, or null if none, and clears what it took. The map
 * is included only when `canSendMap` (the frame's map budget); otherwise it stays dirty.
 */
export function takeDelta(
  member: Member,
  status: ParticipantStatus,
  name: string,
  canSendMap: boolean,
): ParticipantDelta | null {
  if (member.isNew) {
    const tile = toTile(member, status, name, MAX_CURVE_POINTS);
    resetDirty(member, status, name);
    return tile;
  }
  const delta: ParticipantDelta = { id: member.id };
  let hasChanges = false;
  if (member.isRunChanged) {
    // The client clears curve and map when runId arrives; a new map follows with isMapDirty.
    Object.assign(delta, { runId: member.run?.id ?? null, config: member.run?.config ?? null });
    member.isRunChanged = false;
    member.isProgressDirty = true;
    hasChanges = true;
  }
  if (status !== member.sentStatus) {
    delta.status = status;
    member.sentStatus = status;
    hasChanges = true;
  }
  if (name !== member.sentName) {
    delta.name = name;
    member.sentName = name;
    hasChanges = true;
  }
  if (member.isProgressDirty) {
    Object.assign(delta, { step: member.step, loss: member.loss, accuracy: member.accuracy });
    member.isProgressDirty = false;
    hasChanges = true;
  }
  if (member.pendingPoints.length > 0) {
    delta.points = member.pendingPoints;
    member.pendingPoints = [];
    hasChanges = true;
  }
  if (member.isMapDirty && canSendMap) {
    delta.map = member.map;
    member.isMapDirty = false;
    hasChanges = true;
  }
  if (member.dirtyCells.size > 0) {
    delta.cells = [...member.dirtyCells].flatMap((cell) => member.cells.get(cell) ?? []);
    member.dirtyCells.clear();
    hasChanges = true;
  }
  return hasChanges ? delta : null;
}

function resetDirty(member: Member, status: ParticipantStatus, name: string): void {
  member.isNew = false;
  member.isRunChanged = false;
  member.isProgressDirty = false;
  member.isMapDirty = false;
  member.pendingPoints = [];
  member.dirtyCells.clear();
  member.sentStatus = status;
  member.sentName = name;
}

/** True when the member still has something for a later frame (a map that missed the budget). */
export function hasPendingChanges(member: Member): boolean {
  return (
    member.isNew ||
    member.isRunChanged ||
    member.isProgressDirty ||
    member.isMapDirty ||
    member.pendingPoints.length > 0 ||
    member.dirtyCells.size > 0
  );
}
