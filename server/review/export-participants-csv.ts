import { groupLabel } from "../../lib/classroom/groups";
import type { PrismaClient } from "../db/client";
import { findOwnedSession } from "../sessions/find-owned-session";
import { loadParticipantRows } from "./get-session-review";
import {
  datasetsUsed,
  type ParticipantSummary,
  type ReviewParticipantRow,
  type SessionTimes,
  summarizeParticipant,
} from "./summarize-review";
import { toCsv } from "./to-csv";

/**
 * Excel reads a CSV without a byte-order mark in the machine's legacy code page, so "Chloé"
 * arrives as "ChloÃ©"; with it, Excel, Numbers, LibreOffice and Sheets all read UTF-8.
 */
export const UTF8_BOM = "\uFEFF";

export const PARTICIPANTS_CSV_HEADER = [
  "nickname",
  "removed",
  "dataset",
  "lesson_step",
  "runs",
  "hidden",
  "learning_rate",
  "activation",
  "optimizer",
  "steps",
  "outcome",
  "final_loss_verified",
  "accuracy_verified",
  "reached_target",
  "steps_to_target_reported",
  "final_loss_reported",
  "accuracy_reported",
  "verification",
  "cells_passed",
  "time_in_class_s",
  "group",
] as const;

/**
 * The owning teacher's participants CSV with the session's title (for the file name); null when
 * the session is missing or someone else's.
 *
 * @example const file = await exportParticipantsCsv(db, teacher.id, sessionId); // { title, csv }
 */
export async function exportParticipantsCsv(
  db: PrismaClient,
  teacherId: string,
  sessionId: string,
): Promise<{ title: string; csv: string } | null> {
  const session = await findOwnedSession(db, teacherId, sessionId);
  if (!session) return null;
  return { title: session.title, csv: participantsCsv(await loadParticipantRows(db, session.id), session) };
}

/** One row's runs: a dataset and, in a class launched from a lesson, the step they were trained on. */
type RowGroup = { dataset: string; lessonStep: number | null };

/**
 * The participants as CSV: one row per student and dataset they trained on (their best run
 * there) — per lesson step too in a class launched from a lesson, so the export reads by step as
 * the review does — and one row with an empty dataset for a student who never trained.
 * "reached_target" and the verified columns are the server's; the reported ones, and the step the
 * student reported first meeting the target, are the student's word. Starts with a UTF-8 BOM.
 */
export function participantsCsv(participants: readonly ReviewParticipantRow[], session: SessionTimes): string {
  const groups = rowGroups(participants);
  const rows = participants.flatMap((participant) => {
    const runsIn = (group: RowGroup) =>
      participant.runs.filter((run) => run.config.dataset === group.dataset && run.lessonStep === group.lessonStep);
    const mine = groups.filter((group) => runsIn(group).length > 0);
    if (mine.length === 0) return [csvRow(summarizeParticipant(participant, null, session), null)];
    return mine.map((group) =>
      csvRow(summarizeParticipant({ ...participant, runs: runsIn(group) }, group.dataset, session), group.lessonStep),
    );
  });
  return UTF8_BOM + toCsv(PARTICIPANTS_CSV_HEADER, rows);
}

/** The datasets in the order the class first used them, each split by lesson step (ascending, none first). */
function rowGroups(participants: readonly ReviewParticipantRow[]): RowGroup[] {
  return datasetsUsed(participants).flatMap(({ dataset }) => {
    const steps = new Set<number | null>();
    for (const participant of participants)
      for (const run of participant.runs) if (run.config.dataset === dataset) steps.add(run.lessonStep);
    return [...steps].sort((a, b) => (a ?? -1) - (b ?? -1)).map((lessonStep) => ({ dataset, lessonStep }));
  });
}

/** `lessonStep` is 0-based in storage and shown from 1, as on the pages. */
function csvRow(p: ParticipantSummary, lessonStep: number | null) {
  const best = p.best;
  const isReached = best?.verification.isReachedTarget ?? false;
  return [
    p.nickname,
    p.isRemoved,
    p.dataset,
    lessonStep === null ? null : lessonStep + 1,
    p.runCount,
    best?.config.hidden,
    best?.config.lr,
    best?.config.activation,
    best?.config.optimizer,
    best?.steps,
    best?.outcome,
    best?.verifiedLoss,
    best?.verifiedAccuracy,
    isReached,
    isReached ? (best?.targetReachedStep ?? null) : null,
    best?.reportedLoss,
    best?.reportedAccuracy,
    best?.verification.verdict,
    p.cellsPassed.join(" "),
    Math.round(p.timeSpentMs / 1000),
    // The best run's group in a group experiment ("Group A: lr 0.01"), empty outside one.
    best?.group ? groupLabel(best.group.key, best.group.index, best.group.value) : null,
  ];
}
