/** A class's snapshots in tray order, for the live class's tray and the review. */
import type { PrismaClient } from "../db/client";
import { SNAPSHOT_SELECT, type StoredSnapshot, toStoredSnapshot } from "./stored-snapshot";

/** @example const tray = await listSnapshots(db, classId); */
export async function listSnapshots(db: PrismaClient, classId: string): Promise<StoredSnapshot[]> {
  const rows = await db.snapshot.findMany({
    where: { classSessionId: classId },
    orderBy: [{ order: "asc" }, { createdAt: "asc" }],
    select: SNAPSHOT_SELECT,
  });
  return rows.map(toStoredSnapshot);
}
