import type { PrismaClient } from "../db/client";
import { findOwnedSession, type OwnedSession } from "../sessions/find-owned-session";
import { loadRunRows, RUN_FIGURES_SELECT } from "./get-session-review";
import { judgeRun } from "./judge-run";
import { timeInClassMs } from "./time-in-class";

/** Participants read per query while streaming: bounds memory for a 1,000-student class. */
const PARTICIPANTS_PER_PAGE = 25;
export const SESSION_EXPORT_FORMAT = "mlp-classroom.session.v1";

const toBase64 = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString("base64") : null);

/**
 * The whole session as JSON, streamed one page of participants at a time: settings, notes, every
 * participant with their presence intervals and time in class, cells (code included), runs
 * (config, reported and verified figures with the server's verdict, curve, final map as base64 of
 * the 32 × 32 bytes, weights in the chapter's shape) and map snapshots. Null when not the teacher's.
 */
export async function exportSessionJson(
  db: PrismaClient,
  teacherId: string,
  sessionId: string,
): Promise<AsyncGenerator<string> | null> {
  const session = await findOwnedSession(db, teacherId, sessionId);
  if (!session) return null;
  return streamSession(db, session);
}

async function* streamSession(db: PrismaClient, session: OwnedSession) {
  const header = {
    format: SESSION_EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    mapEncoding: "base64 of 32×32 bytes, row 0 at the top (largest y), byte = P(class 1) × 255",
    session: {
      id: session.id,
      title: session.title,
      joinCode: session.joinCode,
      status: session.status,
      settings: session.settings,
      notes: session.notes,
      createdAt: session.createdAt,
      endedAt: session.endedAt,
    },
  };
  const opening = JSON.stringify(header);
  yield `${opening.slice(0, -1)},"participants":[`;
  let cursor: string | undefined;
  let isFirst = true;
  for (;;) {
    const page = await db.participant.findMany({
      where: { classSessionId: session.id },
      orderBy: { id: "asc" },
      take: PARTICIPANTS_PER_PAGE,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: {
        id: true,
        nickname: true,
        joinedAt: true,
        lastSeenAt: true,
        removedAt: true,
        presence: { orderBy: { startedAt: "asc" }, select: { startedAt: true, endedAt: true } },
        cells: {
          orderBy: { cell: "asc" },
          select: { cell: true, isPassed: true, attempts: true, lastError: true, code: true, updatedAt: true },
        },
        runs: {
          orderBy: { startedAt: "asc" },
          select: {
            ...RUN_FIGURES_SELECT,
            curve: true,
            finalMap: true,
            weights: true,
            snapshots: { orderBy: { at: "asc" }, select: { step: true, loss: true, at: true, map: true } },
          },
        },
      },
    });
    for (const participant of page) {
      const runs = loadRunRows(participant.runs).map(({ stored: run, ...row }) => {
        const { verification, outcome } = judgeRun(row);
        return {
          ...run,
          outcome,
          verification,
          finalMap: toBase64(run.finalMap),
          snapshots: run.snapshots.map((snapshot) => ({ ...snapshot, map: toBase64(snapshot.map) })),
        };
      });
      const timeInClassS = Math.round(
        timeInClassMs(participant.presence, { ...participant, sessionEndedAt: session.endedAt }) / 1000,
      );
      yield `${isFirst ? "" : ","}${JSON.stringify({ ...participant, timeInClassS, runs })}`;
      isFirst = false;
    }
    if (page.length < PARTICIPANTS_PER_PAGE) break;
    cursor = page.at(-1)?.id;
  }
  yield "]}";
}
