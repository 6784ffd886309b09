/**
 * The challenge's part of the teacher's connection (use-class-feed): the leaderboard the server
 * sends (challenge:board, validated), kept in a small external store beside the class store
 * (read with {@link useChallengeBoard}), and the teacher's challenge:set, acked once stored.
 */
import { useCallback, useSyncExternalStore } from "react";
import type { ChallengeSpec } from "@/lib/classroom/challenge";
import {
  type Ack,
  type Challenge,
  type ChallengeBoard,
  challengeBoardSchema,
  challengeSetAckSchema,
  SERVER_EVENTS,
  TEACHER_EVENTS,
} from "@/lib/protocol";

import { tileName } from "./dashboard-state";
import { emitAcked, listenValid, type TeacherSocket } from "./teacher-socket";
import { useClassState, useClassStore } from "./use-class-store";

/** Storing a challenge is one small write; 5 s without an answer means we are cut off. */
const CHALLENGE_ACK_TIMEOUT_MS = 5000;

/** Calls `onBoard` with every valid board the server sends (a malformed one is ignored). */
export function listenForChallengeBoard(socket: TeacherSocket, onBoard: (board: ChallengeBoard) => void): void {
  listenValid(socket, SERVER_EVENTS.challengeBoard, challengeBoardSchema, onBoard);
}

/**
 * Sets the challenge (null closes it); resolves with the ack once the server stored it. Never rejects.
 *
 * @example const ack = await sendChallengeSet(socket, spec); if (!ack.ok) show(ack.error.message);
 */
export function sendChallengeSet(
  socket: TeacherSocket | null,
  spec: ChallengeSpec | null,
): Promise<Ack<{ challenge: Challenge | null }>> {
  return emitAcked(socket, TEACHER_EVENTS.challengeSet, { spec }, challengeSetAckSchema, CHALLENGE_ACK_TIMEOUT_MS);
}

/** The board and the teacher's challenge:set, for the dashboard and the projector. */
export type ChallengeFeed = {
  getBoard(): ChallengeBoard | null;
  subscribeBoard(listener: () => void): () => void;
  /** Sets (null: closes) the challenge; resolves with the ack once stored (never rejects). */
  send(spec: ChallengeSpec | null): Promise<Ack<{ challenge: Challenge | null }>>;
  /** Listens on the connection's socket (once per socket). */
  listen(socket: TeacherSocket): void;
};

/**
 * Creates the feed over the socket `getSocket` returns (null while none is open).
 *
 * @example const [challenges] = useState(() => createChallengeFeed(() => socketRef.current));
 */
export function createChallengeFeed(getSocket: () => TeacherSocket | null): ChallengeFeed {
  let board: ChallengeBoard | null = null;
  const listeners = new Set<() => void>();
  return {
    getBoard: () => board,
    subscribeBoard(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: (spec) => sendChallengeSet(getSocket(), spec),
    listen(socket) {
      listenForChallengeBoard(socket, (next) => {
        board = next;
        for (const listener of listeners) listener();
      });
    },
  };
}

/** The latest board (null before the first arrived); re-renders when a new one arrives. */
export function useChallengeBoard(feed: ChallengeFeed): ChallengeBoard | null {
  return useSyncExternalStore(feed.subscribeBoard, feed.getBoard, feed.getBoard);
}

/**
 * A student's name as their tile shows it ("Student N" while the class is anonymized); a student
 * who left has no tile any more. Re-renders when the class state (anonymize) changes.
 */
export function useBoardName(): (participantId: string) => string {
  const store = useClassStore();
  const { isAnonymized } = useClassState();
  return useCallback(
    (participantId: string) => {
      const tile = store.getTile(participantId);
      return tile ? tileName(tile, isAnonymized) : "A student who left";
    },
    [store, isAnonymized],
  );
}
