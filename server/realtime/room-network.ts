/**
 * The spotlit student's network, live: who is watched, and a watched student's weights taken in
 * (validated against their run) for the hub to pass on to teachers. Pure, like the rest of the room.
 */
import { ERROR_CODE, type NetworkWeights, type TeacherNetwork } from "../../lib/protocol";
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
