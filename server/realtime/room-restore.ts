/**
 * Restoring a participant from storage after a server restart: their cells and latest run go
 * back on a fresh member, so a reconnecting student keeps reporting to the same run.
 */
import type { RunConfig } from "../../lib/classroom/settings";
import { PARTICIPANT_STATUS } from "../../lib/classroom/status";
import type { CellResult, LossPoint, Weights } from "../../lib/protocol";
import type { PointEdit } from "../../lib/training/point-edits";
import { appendPoints, type Member, type RunEndStatus } from "./room-member";

/** A run as storage remembers it, to show after a server restart (the curve may be partial). */
export type RestoredRun = {
  id: string;
  config: RunConfig;
  startedAt: number;
  /** True for a run still training: the student's page may keep reporting to it. */
  isActive: boolean;
  outcomeStatus: RunEndStatus | null;
  targetReachedStep: number | null;
  step: number;
  loss: number | null;
  accuracy: number | null;
  curve: readonly LossPoint[];
  map: Uint8Array | null;
  /** The lesson step it was trained on; null without a lesson. */
  lessonStep?: number | null;
  /** Its point-edit log (Run.edits), so a reloaded page rebuilds the same run. */
  edits?: readonly PointEdit[];
  /** Its final weights, when it ended with them (Run.weights). */
  weights?: Weights | null;
  /** The run:start request that started it, so a start resent across the restart gets this run. */
  startRequestId?: string | null;
};

/** A participant as storage remembers them. */
export type RestoredParticipant = {
  id: string;
  nickname: string;
  run?: RestoredRun | null;
  cells?: readonly CellResult[];
  /** Lesson steps where one of their runs reached the target. */
  reachedSteps?: readonly number[];
  /** Their group in the class's group experiment (Participant.experimentGroup); null: none. */
  group?: number | null;
};

/** Puts a restored participant's latest run and cells back on a fresh member. */
export function restoreMember(member: Member, restored: RestoredParticipant, generation: number): void {
  for (const cell of restored.cells ?? []) member.cells.set(cell.cell, cell);
  for (const step of restored.reachedSteps ?? []) member.reachedSteps.add(step);
  const run = restored.run;
  if (!run) return;
  member.run = {
    id: run.id,
    config: run.config,
    // Runs still stored as training belong to the current generation: older ones were aborted.
    generation,
    startedAt: run.startedAt,
    isActive: run.isActive,
    // Stored as REACHED_TARGET only when the server's verified figures reached it.
    hasReachedTarget: run.outcomeStatus === PARTICIPANT_STATUS.reachedTarget,
    targetReachedStep: run.targetReachedStep,
    outcomeStatus: run.outcomeStatus,
    lessonStep: run.lessonStep ?? null,
    edits: [...(run.edits ?? [])],
    weights: run.weights ?? null,
    startRequestId: run.startRequestId ?? null,
  };
  // Nothing to mark: a restored member is new, and its first frame carries the whole tile.
  appendPoints(member, run.curve);
  member.step = run.step;
  member.loss = run.loss ?? member.loss;
  member.accuracy = run.accuracy;
  member.map = run.map;
}
