/**
 * The runs of a room as persistence reads them: every run in progress with its latest figures (the
 * batcher's map snapshots), and the last known state of runs cut short (a session end, a lesson
 * move, a reset), curves included.
 */
import { type LossPoint, MAX_CURVE_POINTS, type StoredFlag } from "../../lib/protocol";
import { runFlags } from "./room-attention";
import { curvePoints, type Member, type MemberRun } from "./room-member";
import type { RoomState } from "./room-state";

/** A run in progress with its latest figures, as a batcher polls them for map snapshots. */
export type ActiveRun = {
  participantId: string;
  runId: string;
  step: number;
  loss: number | null;
  accuracy: number | null;
  map: Uint8Array | null;
  /** Its attention flags at their worst so far (Run.flags). */
  flags: readonly StoredFlag[];
};

/** Every run in progress, with the latest step, loss, accuracy and map. */
export function activeRuns(state: RoomState): ActiveRun[] {
  const runs: ActiveRun[] = [];
  for (const member of state.members.values()) {
    if (member.run?.isActive) runs.push(toActiveRun(member, member.run));
  }
  return runs;
}

/** A run's last known state with its curve, for storing a run that was cut short (session end). */
export type RunSnapshot = ActiveRun & { curve: LossPoint[] };

/** The last known state of the given runs (active or just stopped), curves included. */
export function runSnapshots(state: RoomState, runIds: ReadonlySet<string>): RunSnapshot[] {
  const snapshots: RunSnapshot[] = [];
  for (const member of state.members.values()) {
    if (!member.run || !runIds.has(member.run.id)) continue;
    snapshots.push({ ...toActiveRun(member, member.run), curve: curvePoints(member, MAX_CURVE_POINTS) });
  }
  return snapshots;
}

/** The member's run with the member's latest figures. */
function toActiveRun(member: Member, run: MemberRun): ActiveRun {
  const { id: participantId, step, loss, accuracy, map } = member;
  return { participantId, runId: run.id, step, loss, accuracy, map, flags: runFlags(member, run.id) };
}
