/**
 * One participant's latest state inside a class room, and how it turns into a tile (snapshot)
 * or a delta (frame). Only the room module mutates members; nothing here touches sockets.
 */

import { anonymousName } from "../../lib/classroom/nickname";
import type { RunConfig } from "../../lib/classroom/settings";
import { type LiveStatus, PARTICIPANT_STATUS } from "../../lib/classroom/status";
import { appendToCurve, type CurveArrays, thinCurve, toPoints } from "../../lib/curve";
import {
  type CellResult,
  LIVE_CURVE_RESOLUTION,
  type LossPoint,
  MAX_CURVE_POINTS,
  MAX_FRAME_POINTS_PER_PARTICIPANT,
  type NetworkWeights,
  type ParticipantDelta,
  type ParticipantTile,
} from "../../lib/protocol";

/** How a run ended, as stored (Run.status). */
export type RunEndStatus =
  | typeof PARTICIPANT_STATUS.diverged
  | typeof PARTICIPANT_STATUS.reachedTarget
  | typeof PARTICIPANT_STATUS.finished;

import { isEditedLog, type PointEdit } from "../../lib/training/point-edits";
import type { STUDENT_EVENT_RATES } from "../security/limits";
import { fullBucket, type TokenBucket } from "../security/token-bucket";
import type { FinishedRun } from "./room-runs";

/** The participant's current or last run. */
export type MemberRun = {
  id: string;
  config: RunConfig;
  generation: number;
  startedAt: number;
  isActive: boolean;
  /** The run ended at the target by the server's verified figures (never the student's word). */
  hasReachedTarget: boolean;
  /** Step at which accuracy first reached the target (Run.targetReachedStep). */
  targetReachedStep: number | null;
  /** Set when the run ended: diverged, reachedTarget or finished (as stored). */
  outcomeStatus: RunEndStatus | null;
  /** The finish as accepted, so a resent run:finish (its ack lost or not yet durable) is answered again. */
  finishedRecord?: FinishedRun;
  /** The lesson step the run was trained on (Run.lessonStep); null without a lesson. */
  lessonStep: number | null;
  /** The student's point edits, in order (Run.edits); an edited run never counts as reached. */
  edits: PointEdit[];
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
  /** The run's curve, thinned as it streams in (lib/curve, LIVE_CURVE_RESOLUTION: ≤ ~1,000 points). */
  curve: CurveArrays;
  cells: Map<number, CellResult>;
  /** Token buckets of the student's events (server/security/limits.ts STUDENT_EVENT_RATES). */
  rates: Record<keyof typeof STUDENT_EVENT_RATES, TokenBucket>;
  /** The latest weights of the current run sent while watched (or its final ones); null after a new run. */
  network: NetworkWeights | null;
  /** The lesson step the student is on; null in a class without a lesson. */
  lessonStep: number | null;
  /** Lesson steps on which one of their runs reached the target. */
  reachedSteps: Set<number>;
  /** The run's edit log grew: the next frame says the tile shows edited data. */
  isEditDirty: boolean;
  lastMapAt: number;
  // Dirty tracking: what the next frame must carry for this member.
  isNew: boolean;
  isRunChanged: boolean;
  isProgressDirty: boolean;
  isMapDirty: boolean;
  pendingPoints: LossPoint[];
  /** The next frame carries the whole curve (it replaces the tile's): a finish, or a burst of points. */
  isCurveReplaced: boolean;
  dirtyCells: Set<number>;
  /** lessonStep or reachedSteps changed since the last frame. */
  isLessonDirty: boolean;
  sentStatus: LiveStatus | null;
  sentIsReached: boolean | null;
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
    curve: { steps: [], losses: [] },
    cells: new Map(),
    rates: {
      progress: fullBucket(),
      runStart: fullBucket(),
      runFinish: fullBucket(),
      cellCheck: fullBucket(),
      progressResume: fullBucket(),
      network: fullBucket(),
      runEdit: fullBucket(),
    },
    network: null,
    lessonStep: null,
    reachedSteps: new Set(),
    lastMapAt: Number.NEGATIVE_INFINITY,
    isNew: true,
    isRunChanged: false,
    isProgressDirty: false,
    isMapDirty: false,
    pendingPoints: [],
    isCurveReplaced: false,
    dirtyCells: new Set(),
    isLessonDirty: false,
    isEditDirty: false,
    sentStatus: null,
    sentIsReached: null,
    sentName: null,
  };
}

/** Forgets the run (reset, new run): curve, map and figures go, the tile starts blank. */
export function clearRun(member: Member, run: MemberRun | null): void {
  member.run = run;
  member.network = null;
  member.step = 0;
  member.lastPointStep = -1;
  member.loss = null;
  member.accuracy = null;
  member.map = null;
  member.curve = { steps: [], losses: [] };
  member.pendingPoints = [];
  member.isCurveReplaced = false;
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
    appendToCurve(member.curve, step, loss, LIVE_CURVE_RESOLUTION);
    if (!member.isCurveReplaced) member.pendingPoints.push([step, loss]);
  }
  // A teacher that stalls or a burst (a Max run's first update) must not grow this without bound:
  // the frame sends the kept curve whole instead, so the tile keeps the same shape as the server's.
  if (member.pendingPoints.length > MAX_FRAME_POINTS_PER_PARTICIPANT) takeWholeCurve(member, null);
}

/**
 * Replaces the run's curve with `points` (a reconnecting student's whole curve so far). The next
 * frame carries the run id again, so teachers clear the tile, then `framePoints` of the new curve.
 */
export function replaceCurve(member: Member, points: readonly LossPoint[], framePoints: number): void {
  member.curve = { steps: [], losses: [] };
  member.lastPointStep = -1;
  appendPoints(member, points);
  member.pendingPoints = curvePoints(member, framePoints);
  member.isCurveReplaced = false;
  member.isRunChanged = true;
  // The teacher clears the map with the run id: send the one we have again.
  member.isMapDirty = member.map !== null;
}

/**
 * The next frame replaces the tile's curve with the member's whole one: with `points` (a finished
 * run's curve, already thinned by the student) it becomes the member's curve first.
 */
export function takeWholeCurve(member: Member, points: readonly LossPoint[] | null): void {
  if (points !== null && points.length > 0) {
    member.curve = { steps: points.map((point) => point[0]), losses: points.map((point) => point[1]) };
    member.lastPointStep = Math.max(member.lastPointStep, points[points.length - 1]?.[0] ?? -1);
  }
  member.pendingPoints = [];
  member.isCurveReplaced = true;
}

/** The member's curve as points, thinned to `maxPoints` (snapshots send fewer). */
export function curvePoints(member: Member, maxPoints: number): LossPoint[] {
  return maxPoints >= member.curve.steps.length ? toPoints(member.curve) : thinCurve(toPoints(member.curve), maxPoints);
}

/** Class-wide facts a member's status depends on. */
export type StatusContext = { isPaused: boolean };

/**
 * The student's one live status. Precedence: disconnected, then how the last run ended (finished
 * or diverged), then the class pause, then training or idle. Reaching the target is not a status:
 * see {@link isReached}.
 */
export function deriveStatus(member: Member, context: StatusContext): LiveStatus {
  if (!member.isConnected) return PARTICIPANT_STATUS.disconnected;
  const run = member.run;
  if (run?.outcomeStatus === PARTICIPANT_STATUS.diverged) return PARTICIPANT_STATUS.diverged;
  if (run?.outcomeStatus) return PARTICIPANT_STATUS.finished;
  if (context.isPaused) return PARTICIPANT_STATUS.paused;
  if (run?.isActive) return PARTICIPANT_STATUS.training;
  return PARTICIPANT_STATUS.joined;
}

/** The latest run ended at the target by the server's verified figures. */
export function isReached(member: Member): boolean {
  return member.run?.hasReachedTarget ?? false;
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
export function toTile(member: Member, status: LiveStatus, name: string, maxCurvePoints: number): ParticipantTile {
  return {
    id: member.id,
    number: member.number,
    name,
    status,
    isReached: isReached(member),
    runId: member.run?.id ?? null,
    config: member.run?.config ?? null,
    step: member.step,
    loss: member.loss,
    accuracy: member.accuracy,
    points: curvePoints(member, maxCurvePoints),
    map: member.map,
    cells: cellList(member),
    lessonStep: member.lessonStep,
    reachedSteps: reachedStepList(member),
    isEdited: isEdited(member),
  };
}

/** The current run trains on points the student edited. */
export function isEdited(member: Member): boolean {
  return isEditedLog(member.run?.edits);
}

/** The steps where the member reached the target, ascending. */
function reachedStepList(member: Member): number[] {
  return [...member.reachedSteps].sort((a, b) => a - b);
}

/**
 * The member's changes since the last frame, or null if none, and clears what it took. The map
 * is included only when `canSendMap` (the frame's map budget); otherwise it stays dirty.
 */
export function takeDelta(
  member: Member,
  status: LiveStatus,
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
  if (isReached(member) !== member.sentIsReached) {
    delta.isReached = isReached(member);
    member.sentIsReached = delta.isReached;
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
  if (member.isCurveReplaced) {
    delta.curve = toPoints(member.curve);
    member.isCurveReplaced = false;
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
  if (member.isLessonDirty) {
    Object.assign(delta, { lessonStep: member.lessonStep, reachedSteps: reachedStepList(member) });
    member.isLessonDirty = false;
    hasChanges = true;
  }
  if (member.isEditDirty || delta.runId !== undefined) {
    delta.isEdited = isEdited(member);
    member.isEditDirty = false;
    hasChanges = true;
  }
  return hasChanges ? delta : null;
}

function resetDirty(member: Member, status: LiveStatus, name: string): void {
  member.isNew = false;
  member.isRunChanged = false;
  member.isProgressDirty = false;
  member.isMapDirty = false;
  member.pendingPoints = [];
  member.isCurveReplaced = false;
  member.dirtyCells.clear();
  member.isLessonDirty = false;
  member.isEditDirty = false;
  member.sentStatus = status;
  member.sentIsReached = isReached(member);
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
    member.isCurveReplaced ||
    member.dirtyCells.size > 0 ||
    member.isLessonDirty ||
    member.isEditDirty
  );
}
