/**
 * Stores a group experiment push (class:control "groups") in one transaction: the class's state
 * after the reset it implies (settings, flags, generation) with the experiment, every present
 * participant's group, and the runs it cut short as aborted. The room applies the push in memory
 * first; its effect (students' new settings) and the teacher's ack wait for this commit.
 */
import { Prisma, type PrismaClient, RunStatus } from "../db/client";
import type { GroupsWrite } from "../realtime/room-groups";
import type { SavedClassState } from "../sessions/save-class-state";

/**
 * Writes the push; returns the rows written. Idempotent: the writer may retry it.
 *
 * @example
 * await saveGroupExperiment(db, { classId, state: room.classState(), groups: effect.groups, abortedRunIds, at });
 */
export async function saveGroupExperiment(
  db: PrismaClient,
  input: { classId: string; state: SavedClassState; groups: GroupsWrite; abortedRunIds: readonly string[]; at: Date },
): Promise<number> {
  const { classId, state, groups, abortedRunIds, at } = input;
  const byGroup = new Map<number | null, string[]>();
  for (const { participantId, group } of groups.assignments) {
    byGroup.set(group, [...(byGroup.get(group) ?? []), participantId]);
  }
  const writes: Prisma.PrismaPromise<unknown>[] = [
    db.classSession.update({
      where: { id: classId },
      data: {
        settings: state.settings,
        isJoinOpen: state.isJoinOpen,
        isPaused: state.isPaused,
        isAnonymized: state.isAnonymized,
        isApprovalRequired: state.isApprovalRequired,
        generation: state.generation,
        groupExperiment: groups.experiment ?? Prisma.DbNull,
      },
    }),
    // Everyone of the class outside the push (removed, or not in the room) leaves any older group.
    db.participant.updateMany({
      where: { classSessionId: classId, id: { notIn: groups.assignments.map((a) => a.participantId) } },
      data: { experimentGroup: null },
    }),
    ...[...byGroup].map(([group, ids]) =>
      db.participant.updateMany({
        where: { classSessionId: classId, id: { in: ids } },
        data: { experimentGroup: group },
      }),
    ),
  ];
  if (abortedRunIds.length > 0) {
    writes.push(
      db.run.updateMany({
        where: { id: { in: [...abortedRunIds] }, status: RunStatus.TRAINING },
        data: { status: RunStatus.ABORTED, finishedAt: at },
      }),
    );
  }
  await db.$transaction(writes);
  return writes.length;
}
