/**
 * One-off weights requests (issue 16): a snapshot of a student mid-run whose weights the server
 * lacks (they reach it only for the spotlit student or a finished run) asks that student's sockets
 * once (network:request) and waits at most {@link WEIGHTS_ANSWER_TIMEOUT_MS} for network:answer.
 * The answer is rate-limited and checked against the run (room-network.ts answerWeights); a
 * garbage answer, a page with none, silence or an offline student each end with a status saying
 * so, never an error and never a longer wait. One request at a time per student: a second
 * snapshot while one waits shares it.
 *
 * Dead units (issue 16): the weights a request brings are kept as the student's latest, which the
 * attention flags judge. Besides snapshots, a running net already flagged stuck (plateau, chance)
 * is polled every {@link WEIGHTS_POLL_INTERVAL_MS}, so "3 of 8 units dead" can name the cause
 * mid-run; at most {@link MAX_WEIGHTS_POLLS_PER_SECOND} per class, checked once a second.
 */
import {
  type NetworkAnswer,
  type NetworkWeights,
  networkAnswerSchema,
  SERVER_EVENTS,
  SNAPSHOT_WEIGHTS,
  type SnapshotWeightsStatus,
  validate,
  WEIGHTS_ANSWER_TIMEOUT_MS,
} from "../../lib/protocol";
import { type Schedule, timerSchedule } from "../../lib/training";
import type { Reply } from "./hub-handlers";
import type { RoomEntry } from "./hub-types";
import { ROOM_NAME, type RoomDelivery } from "./room-delivery";

/**
 * A suspect run's weights are asked again this long after the last ask: units die over hundreds
 * of steps (seconds at the chapter's pace), and a flag ten seconds late still says why a student
 * is stuck long before the run ends. One small message each way per suspect every 10 s.
 */
export const WEIGHTS_POLL_INTERVAL_MS = 10_000;
/**
 * Polls per class per second at most: a class of 300 all stuck at chance is polled in 30 s
 * rounds, ~10 answers a second (each ~1 KiB and a few µs to score), never a burst of 300.
 */
export const MAX_WEIGHTS_POLLS_PER_SECOND = 10;
/** How often the hub's tick looks for suspects: flags themselves are judged once a second. */
const POLL_EVERY_MS = 1000;

/** What came of asking: the weights (already checked against the run), or why there are none. */
export type WeightsFetch = { status: SnapshotWeightsStatus; network: NetworkWeights | null };

type Pending = {
  requestId: string;
  runId: string;
  /** Sockets asked: once each answered without usable weights, the wait ends early. */
  expected: number;
  answered: number;
  /** The status to report if no usable weights come: the last failed answer's, else a timeout. */
  fallback: SnapshotWeightsStatus;
  settle(fetch: WeightsFetch): void;
  promise: Promise<WeightsFetch>;
};

/** The hub's weights requests. */
export type RoomWeights = ReturnType<typeof createRoomWeights>;

/**
 * @example
 * const weights = createRoomWeights({ delivery, createId });
 * const { status, network } = await weights.fetch(entry, participantId); // ≤ WEIGHTS_ANSWER_TIMEOUT_MS
 * weights.answer(entry, participantId, payload, reply); // network:answer
 */
export function createRoomWeights(options: {
  delivery: RoomDelivery;
  createId: () => string;
  schedule?: Schedule;
  timeoutMs?: number;
}) {
  const { delivery, createId } = options;
  const schedule = options.schedule ?? timerSchedule;
  const timeoutMs = options.timeoutMs ?? WEIGHTS_ANSWER_TIMEOUT_MS;
  const pending = new Map<string, Pending>();
  /** Per class: when suspects were last looked for, and when each student was last polled. */
  const polls = new Map<string, { checkedAt: number; askedAt: Map<string, number> }>();
  const keyOf = (classId: string, participantId: string) => `${classId}\u0000${participantId}`;

  function ask(entry: RoomEntry, participantId: string, runId: string, expected: number): Pending {
    const key = keyOf(entry.room.classId, participantId);
    let settle!: (fetch: WeightsFetch) => void;
    const promise = new Promise<WeightsFetch>((resolve) => {
      settle = resolve;
    });
    const request: Pending = {
      requestId: createId(),
      runId,
      expected,
      answered: 0,
      fallback: SNAPSHOT_WEIGHTS.timeout,
      settle: () => {},
      promise,
    };
    const cancel = schedule(() => request.settle({ status: request.fallback, network: null }), timeoutMs);
    request.settle = (fetch) => {
      if (pending.get(key) !== request) return;
      pending.delete(key);
      cancel();
      settle(fetch);
    };
    pending.set(key, request);
    delivery.emitTo(ROOM_NAME.participant(entry.room.classId, participantId), SERVER_EVENTS.networkRequest, {
      requestId: request.requestId,
      runId,
    });
    return request;
  }

  function fetchWeights(entry: RoomEntry, participantId: string, isRefresh: boolean): Promise<WeightsFetch> {
    const need = entry.room.weightsNeed(participantId, isRefresh);
    if ("status" in need) return Promise.resolve({ status: need.status, network: null });
    const existing = pending.get(keyOf(entry.room.classId, participantId));
    if (existing?.runId === need.runId) return existing.promise;
    existing?.settle({ status: SNAPSHOT_WEIGHTS.none, network: null });
    const sockets = entry.students.get(participantId)?.size ?? 0;
    if (sockets === 0) return Promise.resolve({ status: SNAPSHOT_WEIGHTS.offline, network: null });
    return ask(entry, participantId, need.runId, sockets).promise;
  }

  return {
    /**
     * The participant's current weights for a snapshot: asked of their page only when the server
     * lacks them. Resolves within the timeout, never rejects.
     */
    fetch: (entry: RoomEntry, participantId: string) => fetchWeights(entry, participantId, false),

    /**
     * The hub's tick: polls the class's suspect runs (room-network.ts weightsSuspects) whose last
     * poll is old enough, longest waiting first, at most MAX_WEIGHTS_POLLS_PER_SECOND. Fire and
     * forget: an answer updates the student's weights, the next judgement reads them.
     */
    poll(entry: RoomEntry, now: number): void {
      const classId = entry.room.classId;
      const state = polls.get(classId) ?? { checkedAt: Number.NEGATIVE_INFINITY, askedAt: new Map<string, number>() };
      polls.set(classId, state);
      if (now - state.checkedAt < POLL_EVERY_MS) return;
      state.checkedAt = now;
      const suspects = new Set(entry.room.weightsSuspects());
      for (const id of state.askedAt.keys()) if (!suspects.has(id)) state.askedAt.delete(id);
      const due = [...suspects]
        .map((id) => ({ id, askedAt: state.askedAt.get(id) ?? Number.NEGATIVE_INFINITY }))
        .filter(({ askedAt }) => now - askedAt >= WEIGHTS_POLL_INTERVAL_MS)
        .sort((a, b) => a.askedAt - b.askedAt)
        .slice(0, MAX_WEIGHTS_POLLS_PER_SECOND);
      for (const { id } of due) {
        state.askedAt.set(id, now);
        void fetchWeights(entry, id, true);
      }
    },

    /** network:answer from one of the participant's sockets: refusals go back as an `error` event. */
    answer(entry: RoomEntry, participantId: string, payload: unknown, reply: Reply): void {
      const request = pending.get(keyOf(entry.room.classId, participantId));
      const parsed = validate(networkAnswerSchema, payload);
      const answer: NetworkAnswer | null = parsed.ok ? parsed.data : null;
      // An answer to another (older) request is not this one's: refused as unasked.
      const isAsked = request !== undefined && (answer === null || answer.requestId === request.requestId);
      const result = entry.room.answerWeights(participantId, isAsked ? request.runId : null, answer);
      if (!result.ok) {
        reply(result);
        return;
      }
      if (!parsed.ok) reply(parsed);
      if (!request || !isAsked) return;
      if (result.status === SNAPSHOT_WEIGHTS.fetched) {
        request.settle(result);
        return;
      }
      request.fallback = result.status;
      request.answered += 1;
      if (request.answered >= request.expected) request.settle({ status: result.status, network: null });
    },

    /** The room closed or moved: whatever waits ends now, without weights. */
    forget(classId: string): void {
      polls.delete(classId);
      for (const [key, request] of pending)
        if (key.startsWith(`${classId}\u0000`)) request.settle({ status: SNAPSHOT_WEIGHTS.offline, network: null });
    },
  };
}
