/**
 * The review's snapshots section: the session's snapshots in tray order with each student's
 * nickname (the review is the teacher's own page: names are shown, as in its table). Null unless
 * the teacher owns the session (a missing one and another teacher's look the same).
 */
import type { PrismaClient } from "../db/client";
import { findOwnedSession } from "../sessions/find-owned-session";
import { listSnapshots } from "../snapshots/list-snapshots";
import type { StoredSnapshot } from "../snapshots/stored-snapshot";

/** A stored snapshot with its student's nickname. */
export type ReviewSnapshot = StoredSnapshot & { nickname: string };

/** @example const snapshots = await listSessionSnapshots(db, teacher.id, sessionId); */
export async function listSessionSnapshots(
  db: PrismaClient,
  teacherId: string,
  sessionId: string,
): Promise<ReviewSnapshot[] | null> {
  const session = await findOwnedSession(db, teacherId, sessionId);
  if (!session) return null;
  const snapshots = await listSnapshots(db, session.id);
  const ids = [...new Set(snapshots.map((snapshot) => snapshot.participantId))];
  const participants = await db.participant.findMany({
    where: { id: { in: ids } },
    select: { id: true, nickname: true },
  });
  const nicknames = new Map(participants.map((participant) => [participant.id, participant.nickname]));
  return snapshots.map((snapshot) => ({ ...snapshot, nickname: nicknames.get(snapshot.participantId) ?? "?" }));
}
