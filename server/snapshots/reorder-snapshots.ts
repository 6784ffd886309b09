/**
 * Stores the tray's new order: each moved snapshot's `order`, in ONE statement (all rows or none,
 * no transaction: Prisma 7's adapter-pg leaves a pooled connection broken after a failed
 * interactive one, and one UPDATE is atomic by itself). Only rows of this class are touched.
 */
import { Prisma, type PrismaClient } from "../db/client";

/** @example await reorderSnapshots(db, classId, [{ id: a, order: 2 }, { id: b, order: 1 }]); */
export async function reorderSnapshots(
  db: PrismaClient,
  classId: string,
  orders: ReadonlyArray<{ id: string; order: number }>,
): Promise<void> {
  if (orders.length === 0) return;
  const cases = Prisma.join(
    orders.map(({ id, order }) => Prisma.sql`WHEN ${id} THEN ${order}::integer`),
    " ",
  );
  const ids = Prisma.join(orders.map(({ id }) => id));
  await db.$executeRaw`UPDATE "Snapshot" SET "order" = CASE "id" ${cases} END WHERE "id" IN (${ids}) AND "classSessionId" = ${classId}`;
}
