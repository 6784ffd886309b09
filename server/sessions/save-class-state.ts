import type { SessionSettings } from "../../lib/classroom/settings";
import type { PrismaClient } from "../db/client";
import { abortRuns } from "../runs/abort-runs";

/** The class-wide state a control changed, as the room holds it after the control. */
export type SavedClassState = {
  settings: SessionSettings;
  isJoinOpen: boolean;
  isPaused: boolean;
  isAnonymized: boolean;
  isApprovalRequired: boolean;
  generation: number;
};

/**
 * Stores a class control's durable result (pause, joining, approval mode, anonymize, reset generation, new
 * settings) so a server restart or the join route sees it, and aborts the runs it cut short.
 * Returns the rows written.
 *
 * @example
 * await saveClassState(db, { classId, state: room.classState(), abortedRunIds, at: new Date() });
 */
export async function saveClassState(
  db: PrismaClient,
  input: { classId: string; state: SavedClassState; abortedRunIds: readonly string[]; at: Date },
): Promise<number> {
  const { classId, state, abortedRunIds, at } = input;
  await db.classSession.update({
    where: { id: classId },
    data: {
      settings: state.settings,
      isJoinOpen: state.isJoinOpen,
      isPaused: state.isPaused,
      isAnonymized: state.isAnonymized,
      isApprovalRequired: state.isApprovalRequired,
      generation: state.generation,
    },
  });
  return 1 + (await abortRuns(db, abortedRunIds, at));
}
