/** Deletes one snapshot of a class (an id of another class deletes nothing). */
import type { PrismaClient } from "../db/client";

/** @example await removeSnapshot(db, classId, snapshotId); */
export async function removeSnapshot(db: PrismaClient, classId: string, snapshotId: string): Promise<void> {
  await db.snapshot.deleteMany({ where: { id: snapshotId, classSessionId: classId } });
}
