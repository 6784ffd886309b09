/**
 * One participant's latest state inside a class room, and how it turns into a tile (snapshot).
 * Only the room modules mutate members; what the next frame carries is marked in room-marks.ts.
 * Nothing here touches sockets.
 */

import type { RunGroup } from "../../lib/classroom/groups";
import { anonymousName } from "../../lib/classroom/nickname";
import type { RunConfig } from "../../lib/classroom/settings";
import { type LiveStatus, PARTICIPANT_STATUS } from "../../lib/classroom/status";
import { appendToCurve, type CurveArrays, thinCurve, toPoints } from "../../lib/curve";
import {
  type CellResult,
  LIVE_CURVE_RESOLUTION,
  type LossPoint,
  type NetworkWeights,
  type ParticipantTile,
  type RunFinish,
  type StoredFlag,
  type Weights,
} from "../../lib/protocol";
import { isEditedLog, type PointEdit } from "../../lib/training/point-edits";
import type { VerifiedFigures } from "../runs/verify-run";
import type { STUDENT_EVENT_RATES } from "../security/limits";
import { fullBucket, type TokenBucket } from "../security/token-bucket";
import { createMemberAttention, type MemberAttention } from "./room-attention-state";
import { createMemberChanges, type MemberChanges } from "./room-marks";

/** How a run ended, as stored (Run.status). */
export type RunEndStatus =
  | typeof PARTICIPANT_STATUS.diverged
  | typeof PARTICIPANT_STATUS.reachedTarget
  | typeof PARTICIPANT_STATUS.finished;

/** A run that just ended, for persistence and server-side verification of the weights. */
export type FinishedRun = {
  classId: string;
  participantId: string;
  runId: string;
  config: RunConfig;
  status: RunEndStatus;
  startedAt: number;
  finishedAt: number;
  targetReachedStep: number | null;
  /** The lesson step the run was trained on; null without a lesson. */
  lessonStep: number | null;
  /** The run's point edits (the room's log, not the student's word): scored on the edited points. */
  edits: readonly PointEdit[];
  /** The group experiment's group it was trained in (Run.group); null outside one. */
  group: RunGroup | null;
  finish: RunFinish;
  /** The run's attention flags at their worst (Run.flags), judged as it finished. */
  flags?: readonly StoredFlag[];
  /** The server's score of the final weights on the run's points (as edited), once computed; null: none. */
  verified?: VerifiedFigures | null;
};

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
  /** The finish as accepted until it is durable, so a resent run:finish (its ack lost or not yet durable) is handed to storage again. */
  finishedRecord?: FinishedRun;
  /** The finish is durable (room-runs.ts noteFinishStored): a resend is answered at once. */
  isFinishStored?: boolean;
  /** When the run finished (ms), kept after the record is let go. */
  finishedAt?: number;
  /** The lesson step the run was trained on (Run.lessonStep); null without a lesson. */
  lessonStep: number | null;
  /** The final weights (Run.weights) once the run ended with them, for the student's page after a reload. */
  weights?: Weights | null;
  /** The run:start request that started it (Run.startRequestId): a resend of it gets this run again. */
  startRequestId: string | null;
  /** The student's point edits, in order (Run.edits); an edited run never counts as reached. */
  edits: PointEdit[];
  /** The group experiment's group it is trained in (Run.group); absent or null outside one. */
  group?: RunGroup | null;
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
  /** Per cell, the id of the last check counted: a resend of it (STORAGE_UNAVAILABLE, a lost ack) is not counted again. */
  cellCheckIds: Map<number, string>;
  /** Token buckets of the student's events (server/security/limits.ts STUDENT_EVENT_RATES). */
  rates: Record<keyof typeof STUDENT_EVENT_RATES, TokenBucket>;
  /** The latest weights of the current run sent while watched (or its final ones); null after a new run. */
  network: NetworkWeights | null;
  /** The lesson step the student is on; null in a class without a lesson. */
  lessonStep: number | null;
  /** Their group in the class's group experiment (0 = A); null without one (room-groups.ts). */
  group: number | null;
  /** Lesson steps on which one of their runs reached the target. */
  reachedSteps: Set<number>;
  lastMapAt: number;
  /** What the next teacher frame must carry for this member (room-marks.ts marks it, room-frame.ts drains it). */
  changes: MemberChanges;
  /** Attention flags and the teacher's seen marks (room-attention.ts). */
  attention: MemberAttention;
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
    cellCheckIds: new Map(),
    rates: {
      progress: fullBucket(),
      runStart: fullBucket(),
      runFinish: fullBucket(),
      cellCheck: fullBucket(),
      progressResume: fullBucket(),
      network: fullBucket(),
      networkAnswer: fullBucket(),
      runEdit: fullBucket(),
    },
    network: null,
    lessonStep: null,
    group: null,
    reachedSteps: new Set(),
    lastMapAt: Number.NEGATIVE_INFINITY,
    changes: createMemberChanges(),
    attention: createMemberAttention(),
  };
}

/**
 * Forgets the run (reset, new run): curve, map and figures go, the tile starts blank. The caller
 * marks it for the frame (room-marks.ts markRunChanged).
 */
export function clearRun(member: Member, run: MemberRun | null): void {
  member.run = run;
  member.network = null;
  member.step = 0;
  member.lastPointStep = -1;
  member.loss = null;
  member.accuracy = null;
  member.map = null;
  member.curve = { steps: [], losses: [] };
}

/**
 * Appends points newer than the last kept one to the curve (thinned, lib/curve); returns the
 * points kept, for the caller to mark for the frame (room-marks.ts markPoints).
 */
export function appendPoints(member: Member, points: readonly LossPoint[]): LossPoint[] {
  const kept: LossPoint[] = [];
  for (const [step, loss] of points) {
    if (step <= member.lastPointStep) continue;
    member.lastPointStep = step;
    member.loss = loss;
    appendToCurve(member.curve, step, loss, LIVE_CURVE_RESOLUTION);
    kept.push([step, loss]);
  }
  return kept;
}

/** Replaces the run's curve with `points` (a reconnecting student's whole curve so far). */
export function resetCurve(member: Member, points: readonly LossPoint[]): void {
  member.curve = { steps: [], losses: [] };
  member.lastPointStep = -1;
  appendPoints(member, points);
}

/** A finished run's curve, already thinned by the student, becomes the member's (none: keep it). */
export function setWholeCurve(member: Member, points: readonly LossPoint[]): void {
  if (points.length === 0) return;
  member.curve = { steps: points.map((point) => point[0]), losses: points.map((point) => point[1]) };
  member.lastPointStep = Math.max(member.lastPointStep, points[points.length - 1]?.[0] ?? -1);
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
    flags: member.attention.tileFlags,
    group: member.group,
  };
}

/** The steps where the member reached the target, ascending. */
export function reachedStepList(member: Member): number[] {
  return [...member.reachedSteps].sort((a, b) => a - b);
}

/** The current run trains on points the student edited. */
export function isEdited(member: Member): boolean {
  return isEditedLog(member.run?.edits);
}
