/** Stores a snapshot's new label (an id of another class changes nothing). */
import type { PrismaClient } from "../db/client";

/** @example await relabelSnapshot(db, classId, snapshotId, "lr 10 — diverged"); */
export async function relabelSnapshot(
  db: PrismaClient,
  classId: string,
  snapshotId: string,
  label: string,
): Promise<void> {
  await db.snapshot.updateMany({ where: { id: snapshotId, classSessionId: classId }, data: { label } });
}
