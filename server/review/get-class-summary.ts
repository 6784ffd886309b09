import type { ClassSummary } from "../../lib/review/summary";
import type { PrismaClient } from "../db/client";
import { findOwnedSession } from "../sessions/find-owned-session";
import { loadParticipantRows } from "./get-session-review";
import { bestRun } from "./judge-run";
import { datasetsUsed, summarizeClass, summarizeParticipant } from "./summarize-review";

/**
 * A short summary of an ended class for the projector: per dataset, how many reached the target
 * (verified), the median final loss and the class's best run (lowest verified loss). The same
 * figures as the review, from the same functions. Null unless the teacher owns the session and it
 * has ended (a live class shows its join code instead).
 *
 * @example const summary = await getClassSummary(db, teacher.id, sessionId);
 */
export async function getClassSummary(
  db: PrismaClient,
  teacherId: string,
  sessionId: string,
): Promise<ClassSummary | null> {
  const session = await findOwnedSession(db, teacherId, sessionId);
  if (session?.status !== "ENDED") return null;
  const participants = await loadParticipantRows(db, session.id);
  const datasets = datasetsUsed(participants).map(({ dataset }) => {
    const rows = participants.map((participant) => summarizeParticipant(participant, dataset, session));
    const winner = bestRun(rows.flatMap((row) => (row.best ? [row.best] : [])));
    const owner = rows.find((row) => row.best?.id === winner?.id);
    // Only a run the server scored and found healthy is shown as the class's best.
    const isShowable =
      winner &&
      owner &&
      winner.verification.verdict !== "unverified" &&
      !winner.verification.isDiverged &&
      winner.loss !== null;
    return {
      summary: summarizeClass(participants, dataset),
      best: isShowable
        ? {
            nickname: owner.nickname,
            hidden: winner.config.hidden,
            lr: winner.config.lr,
            activation: winner.config.activation,
            optimizer: winner.config.optimizer,
            loss: winner.loss ?? Number.NaN,
            accuracy: winner.accuracy,
          }
        : null,
    };
  });
  return { students: participants.length, datasets };
}
