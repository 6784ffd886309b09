/**
 * Stores one snapshot of a tile with its class session, at the end of the tray (`order`). The
 * live class calls it and answers the teacher only after it resolved: the snapshot is durable
 * before the teacher sees it in the tray. One INSERT: nothing to roll back.
 */
import { Prisma, type PrismaClient } from "../db/client";
import { SNAPSHOT_SELECT, type StoredSnapshot, toStoredSnapshot } from "./stored-snapshot";

/** What is snapshotted: the tile's content as the room holds it now. */
export type SnapshotInput = Omit<StoredSnapshot, "id" | "createdAt"> & { classId: string };

/**
 * @example const stored = await recordSnapshot(db, { classId, participantId, runId, config, step, loss, accuracy, curve, map, weights, order: 3, label: "" });
 */
export async function recordSnapshot(db: PrismaClient, input: SnapshotInput): Promise<StoredSnapshot> {
  const row = await db.snapshot.create({
    data: {
      classSessionId: input.classId,
      participantId: input.participantId,
      runId: input.runId,
      config: input.config ?? Prisma.DbNull,
      step: input.step,
      loss: input.loss,
      accuracy: input.accuracy,
      curve: input.curve,
      map: input.map ? new Uint8Array(input.map) : null,
      weights: input.weights ?? Prisma.DbNull,
      weightsStatus: input.weightsStatus,
      order: input.order,
      label: input.label,
    },
    select: SNAPSHOT_SELECT,
  });
  return toStoredSnapshot(row);
}
