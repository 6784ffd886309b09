/**
 * What students report, applied to the room: progress, run start and finish, cell checks.
 * Each call validates the participant and run against the room and never throws.
 */
import type { RunGroup } from "../../lib/classroom/groups";
import { type RunConfig, resolveRunConfig } from "../../lib/classroom/settings";
import { PARTICIPANT_STATUS, RUN_OUTCOME } from "../../lib/classroom/status";
import { compareRunFigures, initialRunLoss } from "../../lib/classroom/verification";
import {
  type CellCheck,
  type CellResult,
  ERROR_CODE,
  FORWARD_PASS_CELL,
  isSameMap,
  type LossPoint,
  MAP_MIN_INTERVAL_MS,
  type ProgressUpdate,
  RATE_TOLERANCE,
  type RunFinish,
  type RunStart,
} from "../../lib/protocol";
import { isEditedLog } from "../../lib/training/point-edits";
import { type VerifiedFigures, verifyRun } from "../runs/verify-run";
import { STUDENT_EVENT_RATES } from "../security/limits";
import { takeToken } from "../security/token-bucket";
import { runGroup } from "./room-groups";
import { noteReachedStep } from "./room-lesson";
import { markCell, markCurveReplaced, markMap, markPoints, markProgress, markRunChanged } from "./room-marks";
import { appendPoints, clearRun, type FinishedRun, type MemberRun, setWholeCurve } from "./room-member";
import { fail, findActiveMember, type RoomResult, type RoomState } from "./room-state";
import { memberSettings } from "./room-views";

/** Kept for tests and callers that named it: run:start's sustained interval. */
export const RUN_START_MIN_INTERVAL_MS = STUDENT_EVENT_RATES.runStart.refillMs;

/**
 * Keeps the latest progress: appends new loss points, replaces the map (rate-limited),
 * notes when the target is first reached. Nothing is forwarded; the next tick picks it up.
 */
export function applyProgress(
  state: RoomState,
  now: () => number,
  participantId: string,
  update: ProgressUpdate,
): RoomResult {
  const found = findActiveMember(state, participantId);
  if (!found.ok) return found;
  const { member } = found;
  const run = member.run;
  if (!run?.isActive || run.id !== update.runId) return fail(ERROR_CODE.staleRun, "Not your current run");
  if (!isWithinRun(run, update.step, update.points))
    return fail(ERROR_CODE.invalidPayload, "Step beyond the run's steps");
  const at = now();
  if (!takeToken(member.rates.progress, STUDENT_EVENT_RATES.progress, at))
    return fail(ERROR_CODE.rateLimited, "Progress sent too often");
  markPoints(state, member, appendPoints(member, update.points));
  member.step = Math.max(member.step, update.step);
  member.accuracy = update.accuracy;
  markProgress(state, member);
  noteTarget(run, update.accuracy, update.step);
  noteReachedStep(state, member);
  const isMapDue = at - member.lastMapAt >= MAP_MIN_INTERVAL_MS * RATE_TOLERANCE;
  if (update.map && isMapDue) {
    member.lastMapAt = at;
    // A converged net repeats its map: the teacher already has those bytes, so the frame skips them.
    const isChanged = !isSameMap(member.map, update.map);
    member.map = update.map;
    if (isChanged) markMap(state, member);
  }
  return { ok: true };
}

/** Starts a run with the class's settings and the student's unlocked choices. */
export function startRun(
  state: RoomState,
  clock: { now: () => number; createId: () => string },
  participantId: string,
  request: RunStart,
): RoomResult<{
  runId: string;
  config: RunConfig;
  generation: number;
  replacedRunId: string | null;
  lessonStep: number | null;
  startedAt: number;
  startRequestId: string | null;
  /** The group it is trained in (Run.group); null outside a group experiment. */
  group: RunGroup | null;
  /** True when this answers a resent request: the run was started (and handed to storage) before. */
  isRepeat: boolean;
}> {
  const { now, createId } = clock;
  const found = findActiveMember(state, participantId);
  if (!found.ok) return found;
  const { member } = found;
  // A resend of the start that made the current run (its ack lost, or not yet durable): the same
  // run again, before the pause and rate checks that the original passed.
  const current = member.run;
  if (current && request.requestId !== undefined && current.startRequestId === request.requestId)
    return {
      ok: true,
      runId: current.id,
      config: current.config,
      generation: current.generation,
      replacedRunId: null,
      lessonStep: current.lessonStep,
      startedAt: current.startedAt,
      startRequestId: current.startRequestId,
      group: current.group ?? null,
      isRepeat: true,
    };
  if (state.isPaused) return fail(ERROR_CODE.classPaused, "The teacher paused the class");
  const settings = memberSettings(state, member);
  const isForwardPassMissing = settings.requireForwardPassCell && !member.cells.get(FORWARD_PASS_CELL)?.isPassed;
  if (isForwardPassMissing) return fail(ERROR_CODE.forwardPassRequired, `Pass cell ${FORWARD_PASS_CELL} first`);
  const at = now();
  if (!takeToken(member.rates.runStart, STUDENT_EVENT_RATES.runStart, at))
    return fail(ERROR_CODE.rateLimited, "Runs started too often: wait a moment");
  const replacedRunId = member.run?.isActive ? member.run.id : null;
  const config = resolveRunConfig(settings, request.choice);
  const run: MemberRun = {
    id: createId(),
    config,
    generation: state.generation,
    startedAt: at,
    isActive: true,
    hasReachedTarget: false,
    targetReachedStep: null,
    outcomeStatus: null,
    lessonStep: member.lessonStep,
    edits: [],
    startRequestId: request.requestId ?? null,
    group: runGroup(state, member),
  };
  clearRun(member, run);
  markRunChanged(state, member);
  return {
    ok: true,
    runId: run.id,
    config,
    generation: state.generation,
    replacedRunId,
    lessonStep: run.lessonStep,
    startedAt: run.startedAt,
    startRequestId: run.startRequestId,
    group: run.group ?? null,
    isRepeat: false,
  };
}

/** Ends the current run with the student's final report; returns what persistence needs. */
export function finishRun(
  state: RoomState,
  now: () => number,
  participantId: string,
  finish: RunFinish,
): RoomResult<{ record: FinishedRun | null }> {
  const found = findActiveMember(state, participantId);
  if (!found.ok) return found;
  const { member } = found;
  if (!takeToken(member.rates.runFinish, STUDENT_EVENT_RATES.runFinish, now()))
    return fail(ERROR_CODE.rateLimited, "Runs finished too often: wait a moment");
  const run = member.run;
  // A resend of a finish already stored (its ack lost): nothing to write again.
  if (run?.isFinishStored && run.id === finish.runId) return { ok: true, record: null };
  // A resend of the finish just accepted (its ack lost, or STORAGE_UNAVAILABLE): the same record
  // again, so its sender hears when it is durable; the writer's upsert stores it once.
  if (run?.finishedRecord && run.id === finish.runId) return { ok: true, record: run.finishedRecord };
  if (!run?.isActive || run.id !== finish.runId) return fail(ERROR_CODE.staleRun, "Not your current run");
  if (!isWithinRun(run, finish.step, finish.curve))
    return fail(ERROR_CODE.invalidPayload, "Step beyond the run's steps");
  // The student's whole curve, thinned from every step, replaces the one streamed live.
  setWholeCurve(member, finish.curve);
  markCurveReplaced(state, member);
  member.step = Math.max(member.step, finish.step);
  if (finish.loss !== null) member.loss = finish.loss;
  if (finish.accuracy !== null) {
    member.accuracy = finish.accuracy;
    noteTarget(run, finish.accuracy, finish.step);
  }
  // An edited run is left out of verified counts (and so of "best run"): its data is not the class's.
  // Scored once, on the points the run trained on; stored with the finish (Run.verified*).
  const verified = finish.weights ? verifyRun(run.config, finish.weights, run.edits) : null;
  run.hasReachedTarget = !isEditedLog(run.edits) && isVerifiedAtTarget(run.config, finish, verified);
  noteReachedStep(state, member);
  if (finish.map) {
    member.map = finish.map;
    markMap(state, member);
  }
  // The final network, for a teacher who watches (or starts watching) after the end.
  if (finish.weights) member.network = { runId: run.id, step: finish.step, weights: finish.weights };
  run.isActive = false;
  run.outcomeStatus = outcomeStatus(finish, run);
  run.weights = finish.weights;
  markProgress(state, member);
  const record: FinishedRun = {
    classId: state.classId,
    participantId,
    runId: run.id,
    config: run.config,
    status: run.outcomeStatus,
    startedAt: run.startedAt,
    finishedAt: now(),
    targetReachedStep: run.targetReachedStep,
    lessonStep: run.lessonStep,
    edits: [...run.edits],
    group: run.group ?? null,
    finish,
    verified,
  };
  run.finishedRecord = record;
  run.finishedAt = record.finishedAt;
  return { ok: true, record };
}

/**
 * The run's finish is durable: the room lets go of the record (its whole curve, ~60 kB as parsed
 * points; the member keeps the curve in its packed arrays) and answers a later resend at once.
 * Before, every student's last finish stayed whole in the room: ~60 MB at 1,000 students.
 */
export function noteFinishStored(state: RoomState, participantId: string, runId: string): void {
  const run = state.members.get(participantId)?.run;
  if (!run || run.id !== runId || !run.finishedRecord) return;
  run.finishedRecord = undefined;
  run.isFinishStored = true;
}

/** Counts an attempt at a chapter cell. A pass sticks: later failures don't re-lock training. */
export function recordCell(
  state: RoomState,
  now: () => number,
  participantId: string,
  check: CellCheck,
): RoomResult<{ result: CellResult }> {
  const found = findActiveMember(state, participantId);
  if (!found.ok) return found;
  const { member } = found;
  const counted = member.cells.get(check.cell);
  if (counted && check.checkId !== undefined && member.cellCheckIds.get(check.cell) === check.checkId)
    return { ok: true, result: counted };
  if (!takeToken(member.rates.cellCheck, STUDENT_EVENT_RATES.cellCheck, now()))
    return fail(ERROR_CODE.rateLimited, "Cells checked too often: wait a moment");
  const previous = member.cells.get(check.cell);
  const result: CellResult = {
    cell: check.cell,
    isPassed: check.isPassed || (previous?.isPassed ?? false),
    attempts: (previous?.attempts ?? 0) + 1,
    lastError: check.isPassed ? null : (check.error ?? null),
  };
  member.cells.set(check.cell, result);
  if (check.checkId !== undefined) member.cellCheckIds.set(check.cell, check.checkId);
  markCell(state, member, check.cell);
  return { ok: true, result };
}

/** A run of N steps reports steps 0…N; anything beyond is a confused or lying client. */
export function isWithinRun(run: MemberRun, step: number, points: readonly LossPoint[]): boolean {
  const lastPoint = points[points.length - 1];
  return step <= run.config.steps && (lastPoint === undefined || lastPoint[0] <= run.config.steps);
}

/** Steps to the target stay the student's report (labelled so in the review); reaching it does not. */
export function noteTarget(run: MemberRun, accuracy: number, step: number): void {
  if (run.targetReachedStep !== null || accuracy < run.config.targetAccuracy) return;
  run.targetReachedStep = step;
}

/**
 * Reached = the server's score of the final weights is at the target (lib/classroom/verification,
 * as the review judges it), never the accuracy the student reported. ~Microseconds per finish.
 */
function isVerifiedAtTarget(config: RunConfig, finish: RunFinish, verified: VerifiedFigures | null): boolean {
  return compareRunFigures({
    reported: { loss: finish.loss, accuracy: finish.accuracy },
    verified,
    initialLoss: initialRunLoss(config),
    targetAccuracy: config.targetAccuracy,
  }).isReachedTarget;
}

function outcomeStatus(finish: RunFinish, run: MemberRun): FinishedRun["status"] {
  if (finish.outcome === RUN_OUTCOME.diverged) return PARTICIPANT_STATUS.diverged;
  if (run.hasReachedTarget) return PARTICIPANT_STATUS.reachedTarget;
  return PARTICIPANT_STATUS.finished;
}
