/**
 * The challenge desk of the hub: per class (this process owns the class, server/cluster), the open
 * challenge, the runs judged against it and the runs waiting for their replay; and the hub's
 * three moments for it. challenge:set is stored before it takes effect (ack after commit); a
 * finished run is judged only once its finish is durable, and its verdict reaches the board only
 * once stored. Boards go to the class's teacher sockets at most once per tick.
 */
import { type ChallengeEntry, rankChallengeBoard } from "../../lib/classroom/challenge";
import {
  type Challenge,
  type ChallengeBoard,
  challengeSetSchema,
  ERROR_CODE,
  MAX_BOARD_ROWS,
  MAX_BOARD_UNRANKED,
  type ProtocolError,
  SERVER_EVENTS,
  validate,
} from "../../lib/protocol";
import type { StoredChallenge } from "../challenges/load-challenge";
import { AppError } from "../errors";
import type { FinishedRun } from "./class-room";
import type { ChallengeServices, HubHooks } from "./hub-types";
import { ROOM_NAME, type RoomDelivery } from "./room-delivery";
import type { RoomSocket } from "./room-socket";
import type { RoomResult } from "./room-state";

type ClassChallenge = {
  challenge: Challenge | null;
  entries: Map<string, ChallengeEntry>;
  pending: Set<string>;
  /** challenge:set commands, stored one at a time in order. */
  setting: Promise<void>;
  isDirty: boolean;
};

type Reply = <T extends object>(response: RoomResult<T>) => void;

const REFUSAL_BY_APP_ERROR: Partial<Record<AppError["code"], ProtocolError["code"]>> = {
  INVALID_INPUT: ERROR_CODE.invalidPayload,
  NOT_FOUND: ERROR_CODE.notFound,
  FORBIDDEN: ERROR_CODE.classEnded,
};

/**
 * Creates the desk. Without services every challenge:set is refused and no run is judged.
 *
 * @example
 * const desk = createChallengeDesk({ services, delivery, onError });
 * const hooks = desk.wrapHooks(options.hooks ?? {});
 */
export function createChallengeDesk(options: {
  services: ChallengeServices | undefined;
  delivery: RoomDelivery;
  onError?: (error: unknown) => void;
}) {
  const { services, delivery } = options;
  const classes = new Map<string, ClassChallenge>();

  function boardOf(state: ClassChallenge, isPresent: (participantId: string) => boolean): ChallengeBoard {
    const entries = [...state.entries.values()].filter((entry) => isPresent(entry.participantId));
    const unranked = entries
      .filter((entry) => entry.verdict !== "verified")
      .sort((a, b) => b.finishedAt - a.finishedAt)
      .slice(0, MAX_BOARD_UNRANKED);
    return {
      challenge: state.challenge,
      ranked: rankChallengeBoard(entries).slice(0, MAX_BOARD_ROWS),
      unranked,
      judged: state.entries.size,
      pending: state.pending.size,
    };
  }

  function judge(state: ClassChallenge, challenge: Challenge, record: FinishedRun, answer: unknown): void {
    if (!services) return;
    state.pending.add(record.runId);
    state.isDirty = true;
    const isCurrent = () => classes.get(record.classId) === state && state.challenge?.id === challenge.id;
    void Promise.resolve(answer)
      .then(async (outcome) => {
        // Not durable (an outage): a resent finish brings the run back here.
        if (outcome && typeof outcome === "object" && "ok" in outcome && outcome.ok === false) return;
        const entry = await services.judge(challenge, record);
        if (isCurrent()) state.entries.set(entry.runId, entry);
      })
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        state.pending.delete(record.runId);
        if (isCurrent()) state.isDirty = true;
      });
  }

  return {
    /** A room opened: its challenge as stored (none when absent). */
    open(classId: string, stored?: StoredChallenge): void {
      if (classes.has(classId)) return;
      const state: ClassChallenge = {
        challenge: stored?.challenge ?? null,
        entries: new Map((stored?.entries ?? []).map((entry) => [entry.runId, entry])),
        pending: new Set(),
        setting: Promise.resolve(),
        isDirty: false,
      };
      classes.set(classId, state);
      // Durable finishes whose verdict was lost with the last process: judged again (the finish is stored).
      const challenge = state.challenge;
      if (challenge) {
        for (const record of stored?.unjudged ?? []) {
          if (!state.entries.has(record.runId)) judge(state, challenge, record, undefined);
        }
      }
    },

    /** A room closed or moved to another process. */
    forget(classId: string): void {
      classes.delete(classId);
    },

    /** The class's board now; `isPresent` leaves out removed students. */
    board(classId: string, isPresent: (participantId: string) => boolean = () => true): ChallengeBoard | null {
      const state = classes.get(classId);
      return state ? boardOf(state, isPresent) : null;
    },

    /** A teacher socket connected: its board at once. */
    greet(socket: RoomSocket, classId: string, isPresent: (participantId: string) => boolean): void {
      const state = classes.get(classId);
      if (state && socket.isOpen) socket.emit(SERVER_EVENTS.challengeBoard, boardOf(state, isPresent));
    },

    /** On the hub's tick: the board to the teachers if it changed since. */
    flush(classId: string, isPresent: (participantId: string) => boolean): void {
      const state = classes.get(classId);
      if (!state?.isDirty) return;
      state.isDirty = false;
      delivery.emitTo(ROOM_NAME.teachers(classId), SERVER_EVENTS.challengeBoard, boardOf(state, isPresent));
    },

    /** challenge:set: stored first, then the room's board starts afresh; the ack after both. */
    set(classId: string, teacherId: string, payload: unknown, reply: Reply): void {
      const state = classes.get(classId);
      if (!state || !services) {
        reply({ ok: false, error: { code: ERROR_CODE.forbidden, message: "Challenges are not available here" } });
        return;
      }
      const parsed = validate(challengeSetSchema, payload);
      if (!parsed.ok) {
        reply(parsed);
        return;
      }
      state.setting = state.setting.then(async () => {
        try {
          const challenge = await services.store({ classId, teacherId, spec: parsed.data.spec });
          if (classes.get(classId) === state) {
            state.challenge = challenge;
            state.entries.clear();
            state.pending.clear();
            state.isDirty = true;
          }
          reply({ ok: true, challenge });
        } catch (error) {
          const code = error instanceof AppError ? REFUSAL_BY_APP_ERROR[error.code] : undefined;
          if (!code) options.onError?.(error);
          const message = code && error instanceof Error ? error.message : "Internal error";
          reply({ ok: false, error: { code: code ?? ERROR_CODE.internal, message } });
        }
      });
    },

    /** The hooks with onRunFinished extended: a durable finish is judged against the open challenge. */
    wrapHooks(hooks: HubHooks): HubHooks {
      return {
        ...hooks,
        onRunFinished(record) {
          const answer = hooks.onRunFinished?.(record);
          const state = classes.get(record.classId);
          const challenge = state?.challenge;
          if (state && challenge && !state.entries.has(record.runId) && !state.pending.has(record.runId))
            judge(state, challenge, record, answer);
          return answer;
        },
      };
    },
  };
}
