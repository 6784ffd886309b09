/**
 * Reads one class from the database into what the hub's openRoom needs: settings and flags, the
 * present participants in join order with their cells and latest run, the waiting list. Called once per class per
 * process, on its first socket, so a server restart resumes where the class was.
 */
import { groupExperimentSchema } from "../../lib/classroom/groups";
import { type RunConfig, runConfigSchema, sessionSettingsSchema } from "../../lib/classroom/settings";
import { PARTICIPANT_STATUS } from "../../lib/classroom/status";
import { sessionLessonSchema } from "../../lib/lessons";
import {
  compareViewSchema,
  type LossPoint,
  lossPointsSchema,
  MAP_BYTES,
  MAX_CURVE_POINTS,
  MAX_WAITING_STUDENTS,
  seenMarksSchema,
  weightsSchema,
} from "../../lib/protocol";
import { JoinRequestStatus, type PrismaClient } from "../db/client";
import type { ClassRoomOptions, RestoredParticipant, RestoredRun } from "./class-room";
import type { RunEndStatus } from "./room-member";

/** What openRoom takes (the hub supplies the clock and ids). */
export type ClassRoomInit = Omit<ClassRoomOptions, "now" | "createId">;

const OUTCOME_BY_STATUS: Record<string, RunEndStatus | null> = {
  TRAINING: null,
  FINISHED: PARTICIPANT_STATUS.finished,
  REACHED_TARGET: PARTICIPANT_STATUS.reachedTarget,
  DIVERGED: PARTICIPANT_STATUS.diverged,
};

import { pointEditsSchema } from "../../lib/training/point-edits";

const curveSchema = lossPointsSchema(MAX_CURVE_POINTS);

/**
 * The class as stored, or null when it does not exist.
 *
 * @example
 * const init = await loadClassRoom(db, classId);
 * if (init) hub.openRoom(init);
 */
export async function loadClassRoom(db: PrismaClient, classId: string): Promise<ClassRoomInit | null> {
  const session = await db.classSession.findUnique({
    where: { id: classId },
    select: {
      id: true,
      teacherId: true,
      title: true,
      status: true,
      isJoinOpen: true,
      isPaused: true,
      isAnonymized: true,
      isApprovalRequired: true,
      generation: true,
      settings: true,
      lessonSnapshot: true,
      currentStep: true,
      allowedStepFrom: true,
      allowedStepTo: true,
      groupExperiment: true,
      projectorCompare: true,
      isConsensusShown: true,
      participants: {
        where: { removedAt: null },
        orderBy: { joinedAt: "asc" },
        select: {
          id: true,
          nickname: true,
          attentionSeen: true,
          experimentGroup: true,
          cells: { select: { cell: true, isPassed: true, attempts: true, lastError: true } },
          runs: {
            orderBy: { startedAt: "desc" },
            take: 1,
            select: {
              id: true,
              config: true,
              status: true,
              startedAt: true,
              steps: true,
              targetReachedStep: true,
              reportedLoss: true,
              reportedAccuracy: true,
              curve: true,
              finalMap: true,
              weights: true,
              lessonStep: true,
              edits: true,
              startRequestId: true,
            },
          },
        },
      },
    },
  });
  if (!session) return null;
  const waiting = await db.joinRequest.findMany({
    where: { classSessionId: classId, status: JoinRequestStatus.WAITING },
    orderBy: { requestedAt: "asc" },
    take: MAX_WAITING_STUDENTS,
    select: { id: true, nickname: true, requestedAt: true },
  });
  // The lesson steps where each participant's runs reached the target, for the dashboard's per-step counts.
  const reached = await db.run.findMany({
    where: { classSessionId: classId, targetReachedStep: { not: null }, lessonStep: { not: null } },
    distinct: ["participantId", "lessonStep"],
    select: { participantId: true, lessonStep: true },
  });
  const reachedSteps = new Map<string, number[]>();
  for (const { participantId, lessonStep } of reached) {
    if (lessonStep !== null) reachedSteps.set(participantId, [...(reachedSteps.get(participantId) ?? []), lessonStep]);
  }
  const participants: RestoredParticipant[] = session.participants.map((participant) => ({
    id: participant.id,
    nickname: participant.nickname,
    cells: participant.cells,
    run: toRestoredRun(participant.runs[0]),
    reachedSteps: reachedSteps.get(participant.id) ?? [],
    // Marks that no longer parse restore as none: the flags then show again, which is the safe side.
    attentionSeen: seenMarksSchema.safeParse(participant.attentionSeen).data ?? {},
    group: participant.experimentGroup,
  }));
  // A snapshot that no longer parses is a bug to surface too; null means launched without a lesson.
  const lesson = session.lessonSnapshot === null ? null : sessionLessonSchema.parse(session.lessonSnapshot);
  return {
    classId: session.id,
    ownerId: session.teacherId,
    title: session.title,
    // A row that no longer parses is a bug to surface, not a class to run with made-up settings.
    settings: sessionSettingsSchema.parse(session.settings),
    isJoinOpen: session.isJoinOpen,
    isEnded: session.status === "ENDED",
    isPaused: session.isPaused,
    isAnonymized: session.isAnonymized,
    isApprovalRequired: session.isApprovalRequired,
    waiting: waiting.map((request) => ({ ...request, requestedAt: request.requestedAt.getTime() })),
    generation: session.generation,
    lesson,
    pacing: {
      currentStep: session.currentStep,
      allowedFrom: session.allowedStepFrom,
      allowedTo: session.allowedStepTo,
    },
    participants,
    // Like settings: a stored experiment that no longer parses is a bug to surface.
    experiment: session.groupExperiment === null ? null : groupExperimentSchema.parse(session.groupExperiment),
    // Display only: a stored view that no longer parses is dropped, not a class that fails to open.
    compare: compareViewSchema.safeParse(session.projectorCompare).data ?? null,
    isConsensusShown: session.isConsensusShown,
  };
}

type StoredRun = {
  id: string;
  config: unknown;
  status: string;
  startedAt: Date;
  steps: number;
  targetReachedStep: number | null;
  reportedLoss: number | null;
  reportedAccuracy: number | null;
  curve: unknown;
  finalMap: Uint8Array | null;
  weights: unknown;
  lessonStep: number | null;
  edits: unknown;
  startRequestId: string | null;
};

/** The latest run, unless it was aborted (a reset blanked the tile) or no longer parses. */
function toRestoredRun(run: StoredRun | undefined): RestoredRun | null {
  if (!run || !(run.status in OUTCOME_BY_STATUS)) return null;
  const config = runConfigSchema.safeParse(run.config);
  if (!config.success) return null;
  const curve = curveSchema.safeParse(run.curve);
  return {
    id: run.id,
    config: config.data as RunConfig,
    startedAt: run.startedAt.getTime(),
    isActive: run.status === "TRAINING",
    outcomeStatus: OUTCOME_BY_STATUS[run.status] ?? null,
    targetReachedStep: run.targetReachedStep,
    step: run.steps,
    loss: run.reportedLoss,
    accuracy: run.reportedAccuracy,
    curve: curve.success ? (curve.data as LossPoint[]) : [],
    map: run.finalMap && run.finalMap.byteLength === MAP_BYTES ? new Uint8Array(run.finalMap) : null,
    weights: weightsSchema.safeParse(run.weights).data ?? null,
    lessonStep: run.lessonStep,
    // A log that no longer parses restores as none: the student's page then trains on the class's points.
    edits: pointEditsSchema.safeParse(run.edits).data ?? [],
    startRequestId: run.startRequestId,
  };
}
