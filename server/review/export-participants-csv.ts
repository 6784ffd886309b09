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

/**
 * The participants as CSV: one row per student and dataset they trained on (their best run
 * there), one row with an empty dataset for a student who never trained. "reached_target" and the
 * verified columns are the server's; the reported ones, and the step the student reported first
 * meeting the target, are the student's word. Starts with a UTF-8 BOM.
 */
export function participantsCsv(participants: readonly ReviewParticipantRow[], session: SessionTimes): string {
  const datasets = datasetsUsed(participants).map((use) => use.dataset);
  const rows = participants.flatMap((participant) => {
    const trained = datasets.filter((dataset) => participant.runs.some((run) => run.config.dataset === dataset));
    const summaries =
      trained.length > 0
        ? trained.map((dataset) => summarizeParticipant(participant, dataset, session))
        : [summarizeParticipant(participant, null, session)];
    return summaries.map(csvRow);
  });
  return UTF8_BOM + toCsv(PARTICIPANTS_CSV_HEADER, rows);
}

function csvRow(p: ParticipantSummary) {
  const best = p.best;
  const isReached = best?.verification.isReachedTarget ?? false;
  return [
    p.nickname,
    p.isRemoved,
    p.dataset,
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
  ];
}
