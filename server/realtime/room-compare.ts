/**
 * What snapshots and the consensus read from a room, and the projector's compare view the room
 * holds (display only, like the spotlight: not stored). Pure functions over the room's state.
 */
import { anonymousName } from "../../lib/classroom/nickname";
import type { RunConfig } from "../../lib/classroom/settings";
import type { LossPoint } from "../../lib/curve";
import { DATASET_EXTENT, decisionMap, fromChapterWeights } from "../../lib/ml/nn";
import {
  type CompareView,
  MAP_RESOLUTION,
  type NetworkWeights,
  SNAPSHOT_WEIGHTS,
  type SnapshotWeightsStatus,
  TRAY_CURVE_POINTS,
  type Weights,
} from "../../lib/protocol";
import { verifyRun } from "../runs/verify-run";
import { markClass } from "./room-marks";
import { curvePoints, type MemberRun } from "./room-member";
import type { RoomState } from "./room-state";

/** A tile's content as a snapshot stores it. */
export type SnapshotSource = {
  participantId: string;
  runId: string | null;
  config: RunConfig | null;
  step: number;
  loss: number | null;
  accuracy: number | null;
  curve: LossPoint[];
  map: Uint8Array | null;
  /** The current run's weights if the server has them (sent while watched, the finished run's) or fetched them. */
  weights: Weights | null;
  /** Where the weights came from; null when there are none and the caller knows why (the request's outcome). */
  weightsStatus: SnapshotWeightsStatus | null;
};

/**
 * The participant's tile now, or null when they are not in the class. `fetched`: weights the
 * student's page gave for this snapshot (room-weights.ts, already checked against the run). A
 * finished run's final weights win; else fetched weights of the current run; else what the
 * spotlight sent. With fetched weights, the step, map, loss and accuracy are those of the
 * weights (the map drawn from them, the figures the server's score on the run's points), so the
 * map and the network view agree even when the last streamed map is a second older.
 */
export function snapshotSource(
  state: RoomState,
  participantId: string,
  fetched: NetworkWeights | null = null,
): SnapshotSource | null {
  const member = state.members.get(participantId);
  if (!member) return null;
  const run = member.run;
  const finite = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);
  const tile: SnapshotSource = {
    participantId,
    runId: run?.id ?? null,
    config: run?.config ?? null,
    step: member.step,
    loss: finite(member.loss),
    accuracy: finite(member.accuracy),
    curve: curvePoints(member, TRAY_CURVE_POINTS),
    map: member.map ? new Uint8Array(member.map) : null,
    weights: null,
    weightsStatus: run ? null : SNAPSHOT_WEIGHTS.noRun,
  };
  if (!run) return tile;
  if (run.weights) return { ...tile, weights: run.weights, weightsStatus: SNAPSHOT_WEIGHTS.held };
  if (fetched && fetched.runId === run.id) {
    const figures = figuresOf(run, fetched.weights);
    if (figures)
      return {
        ...tile,
        ...figures,
        step: fetched.step,
        weights: fetched.weights,
        weightsStatus: SNAPSHOT_WEIGHTS.fetched,
      };
  }
  const watched = member.network?.runId === run.id ? member.network.weights : null;
  return watched ? { ...tile, weights: watched, weightsStatus: SNAPSHOT_WEIGHTS.held } : tile;
}

/** The map drawn from `weights` and the server's loss and accuracy of them on the run's points. */
function figuresOf(run: MemberRun, weights: Weights): Pick<SnapshotSource, "map" | "loss" | "accuracy"> | null {
  const verified = verifyRun(run.config, weights, run.edits);
  if (!verified) return null;
  try {
    const net = fromChapterWeights(weights, { activation: weights.activation });
    const map = decisionMap(net, { resolution: MAP_RESOLUTION, extent: DATASET_EXTENT });
    return { map, loss: verified.loss, accuracy: verified.accuracy };
  } catch {
    return null;
  }
}

/**
 * How a snapshot's student is named to teachers: their join number and the nickname, or
 * "Student N" while anonymized (as tiles are). Number 0: no longer in the class (removed).
 */
export function snapshotName(state: RoomState, participantId: string): { number: number; name: string } {
  const member = state.members.get(participantId);
  if (!member) return { number: 0, name: "A removed student" };
  return { number: member.number, name: state.isAnonymized ? anonymousName(member.number) : member.nickname };
}

/**
 * The maps the consensus averages: every connected student's latest map whose run trained on the
 * class's data now (same dataset, noise and seed): maps of other data are not comparable.
 */
export function consensusMaps(state: RoomState): Uint8Array[] {
  const { dataset, noise, dataSeed } = state.settings;
  const maps: Uint8Array[] = [];
  for (const member of state.members.values()) {
    const config = member.run?.config;
    if (!member.isConnected || !member.map || !config) continue;
    if (config.dataset !== dataset || config.noise !== noise || config.dataSeed !== dataSeed) continue;
    maps.push(member.map);
  }
  return maps;
}

/** Sets what the projector shows side by side (null: nothing); the next frame carries it. */
export function setCompare(state: RoomState, view: CompareView): void {
  state.compare = view;
  markClass(state);
}

/** Shows the class consensus on the projector, or stops; the next frame carries it. */
export function showConsensus(state: RoomState, isShown: boolean): void {
  state.isConsensusShown = isShown;
  markClass(state);
}
