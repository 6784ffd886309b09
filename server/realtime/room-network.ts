/**
 * The spotlit student's network, live: who is watched, and a watched student's weights taken in
 * (validated against their run) for the hub to pass on to teachers. Also the answer to a one-off
 * weights request (a snapshot, room-weights.ts): checked against the run and kept, so dead units
 * are judged from it too (room-attention.ts). Pure, like the rest of the room.
 */
import { ATTENTION_KIND } from "../../lib/classroom/attention";
import {
  ERROR_CODE,
  type NetworkAnswer,
  type NetworkWeights,
  SNAPSHOT_WEIGHTS,
  type SnapshotWeightsStatus,
  type TeacherNetwork,
  weightsFitRun,
} from "../../lib/protocol";
import { verifyRun } from "../runs/verify-run";
import { STUDENT_EVENT_RATES } from "../security/limits";
import { takeToken } from "../security/token-bucket";
import { fail, findActiveMember, type RoomResult, type RoomState } from "./room-state";

/** True when a teacher watches this participant's network (the spotlight). */
export function isWatched(state: RoomState, participantId: string): boolean {
  return state.spotlightId === participantId;
}

/**
 * Keeps a watched student's latest weights and returns them for the teachers; `network: null`
 * when nobody watches any more (a send that crossed the end of the spotlight is not an error).
 */
export function applyNetwork(
  state: RoomState,
  now: () => number,
  participantId: string,
  payload: NetworkWeights,
): RoomResult<{ network: TeacherNetwork | null }> {
  const found = findActiveMember(state, participantId);
  if (!found.ok) return found;
  const { member } = found;
  if (!isWatched(state, participantId)) return { ok: true, network: null };
  const run = member.run;
  if (!run || run.id !== payload.runId) return fail(ERROR_CODE.staleRun, "Not your current run");
  // Hidden 0 travels as one unit (the single neuron): the weights must be the run's own net.
  const units = Math.max(1, run.config.hidden);
  if (payload.weights.w1.length !== units || payload.step > run.config.steps)
    return fail(ERROR_CODE.invalidPayload, "Weights or step do not match the run");
  if (!takeToken(member.rates.network, STUDENT_EVENT_RATES.network, now()))
    return fail(ERROR_CODE.rateLimited, "Weights sent too often");
  member.network = payload;
  return { ok: true, network: { ...payload, participantId } };
}

/** The watched participant's latest weights, for a teacher who connects now; null if none. */
export function watchedNetwork(state: RoomState): TeacherNetwork | null {
  const id = state.spotlightId;
  const network = id === null ? null : state.members.get(id)?.network;
  return id !== null && network ? { ...network, participantId: id } : null;
}

/** What a weights request may still need: nothing (why not), or the run to ask about. */
export type WeightsNeed = { status: SnapshotWeightsStatus } | { runId: string };

/**
 * Whether a snapshot of the participant needs their weights asked for: only for a run in progress
 * whose weights the server lacks (not spotlit, not finished). Offline is the hub's to judge (sockets).
 */
export function weightsNeed(state: RoomState, participantId: string, isRefresh = false): WeightsNeed {
  const member = state.members.get(participantId);
  const run = member?.run;
  if (!member || !run) return { status: SNAPSHOT_WEIGHTS.noRun };
  // A refresh (a suspect run's poll) asks again for weights fetched earlier; live ones (spotlight) need none.
  const isHeld = member.network?.runId === run.id && (!isRefresh || isWatched(state, participantId));
  if (run.weights || isHeld) return { status: SNAPSHOT_WEIGHTS.held };
  // Ended without weights: a diverged net has none to give.
  if (!run.isActive) return { status: SNAPSHOT_WEIGHTS.none };
  return { runId: run.id };
}

/**
 * A network:answer (null: a payload the schema refused). Rate-limited first, whatever it holds.
 * `askedRunId` is the run of the request waiting for it, null when none waits (refused). Weights
 * that fit the member's current run (that run, shape and activation, finite, step within it) are
 * kept as the member's latest (unless newer ones are there) and returned; else why not.
 */
export function answerWeights(
  state: RoomState,
  now: () => number,
  participantId: string,
  askedRunId: string | null,
  answer: NetworkAnswer | null,
): RoomResult<{ status: SnapshotWeightsStatus; network: NetworkWeights | null }> {
  const found = findActiveMember(state, participantId);
  if (!found.ok) return found;
  const { member } = found;
  if (!takeToken(member.rates.networkAnswer, STUDENT_EVENT_RATES.networkAnswer, now()))
    return fail(ERROR_CODE.rateLimited, "Weights answered too often");
  if (askedRunId === null) return fail(ERROR_CODE.invalidPayload, "No weights were asked for");
  const refused = { ok: true, status: SNAPSHOT_WEIGHTS.invalid, network: null } as const;
  if (!answer) return refused;
  const run = member.run;
  if (answer.weights === null) return { ok: true, status: SNAPSHOT_WEIGHTS.none, network: null };
  if (!run || run.id !== askedRunId || answer.runId !== run.id) return refused;
  if (!weightsFitRun(run.config, answer.weights) || answer.step > run.config.steps) return refused;
  // Finite values only: the core refuses the rest, and a net that gives no loss is no net to draw.
  if (verifyRun(run.config, answer.weights, run.edits) === null) return refused;
  const network: NetworkWeights = { runId: run.id, step: answer.step, weights: answer.weights };
  const kept = member.network;
  if (!kept || kept.runId !== run.id || kept.step <= network.step) member.network = network;
  return { ok: true, status: SNAPSHOT_WEIGHTS.fetched, network };
}

/** Flags a run can get from units that died or saturated: what makes its weights worth a look. */
const SUSPECT_KINDS: ReadonlySet<string> = new Set([ATTENTION_KIND.plateau, ATTENTION_KIND.chance]);

/**
 * Students whose running net may hold dead or saturated units the server cannot see: connected,
 * not spotlit (those send weights live), a run in progress with hidden units that can die or
 * saturate (ReLU, tanh, sigmoid; linear units never do), and already flagged stuck (plateau or
 * at chance), the symptoms dead units cause. Their weights are polled (room-weights.ts) so the
 * dead-units flag can name the cause while the run is still going.
 */
export function weightsSuspects(state: RoomState): string[] {
  const suspects: string[] = [];
  for (const member of state.members.values()) {
    const run = member.run;
    if (!member.isConnected || !run?.isActive || run.config.hidden === 0 || run.config.activation === "linear")
      continue;
    if (isWatched(state, member.id)) continue;
    if (member.attention.flags.some((flag) => SUSPECT_KINDS.has(flag.kind))) suspects.push(member.id);
  }
  return suspects;
}
