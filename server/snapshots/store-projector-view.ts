/**
 * Stores what the projector shows from the tray: the snapshots side by side (or none) and whether
 * it shows the class consensus (ClassSession.projectorCompare, isConsensusShown). The live class
 * answers the teacher only after it resolved, and a reopened class (restart, takeover) shows the
 * same again. One UPDATE of the class's row.
 */

import type { CompareView } from "../../lib/protocol";
import { Prisma, type PrismaClient } from "../db/client";

/** What the projector shows from the tray. */
export type ProjectorView = { compare: CompareView; isConsensusShown: boolean };

/** @example await storeProjectorView(db, classId, { compare: { snapshotIds: [a, b], isLive: false }, isConsensusShown: false }); */
export async function storeProjectorView(db: PrismaClient, classId: string, view: ProjectorView): Promise<void> {
  await db.classSession.update({
    where: { id: classId },
    data: { projectorCompare: view.compare ?? Prisma.DbNull, isConsensusShown: view.isConsensusShown },
  });
}
