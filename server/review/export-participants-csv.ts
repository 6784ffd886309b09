import type { ParticipantSummary } from "./summarize-review";
import { toCsv } from "./to-csv";

export const PARTICIPANTS_CSV_HEADER = [
  "nickname",
  "runs",
  "hidden",
  "learning_rate",
  "activation",
  "optimizer",
  "steps",
  "final_loss_reported",
  "final_loss_verified",
  "loss_mismatch",
  "accuracy_reported",
  "accuracy_verified",
  "reached_target",
  "cells_passed",
  "time_spent_s",
] as const;

/** The participants table as CSV: one row per student, their best run's figures. */
export function exportParticipantsCsv(participants: readonly ParticipantSummary[]): string {
  const rows = participants.map((p) => [
    p.nickname,
    p.runCount,
    p.best?.config.hidden,
    p.best?.config.lr,
    p.best?.config.activation,
    p.best?.config.optimizer,
    p.best?.steps,
    p.best?.reportedLoss,
    p.best?.verifiedLoss,
    p.best ? p.best.isVerifiedMismatch : null,
    p.best?.reportedAccuracy,
    p.best?.verifiedAccuracy,
    p.best ? p.best.isReachedTarget : false,
    p.cellsPassed.join(" "),
    Math.round(p.timeSpentMs / 1000),
  ]);
  return toCsv(PARTICIPANTS_CSV_HEADER, rows);
}
