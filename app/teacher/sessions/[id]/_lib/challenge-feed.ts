/**
 * The challenge's part of the teacher's connection (use-class-feed): the leaderboard the server
 * sends (challenge:board, validated) and the teacher's challenge:set, acked once stored.
 */
import type { Socket } from "socket.io-client";
import type { ChallengeSpec } from "@/lib/classroom/challenge";
import {
  type Ack,
  type Challenge,
  type ChallengeBoard,
  challengeBoardSchema,
  challengeSetAckSchema,
  ERROR_CODE,
  SERVER_EVENTS,
  TEACHER_EVENTS,
  type TeacherClientToServerEvents,
  type TeacherServerToClientEvents,
  validate,
} from "@/lib/protocol";

type TeacherSocket = Socket<TeacherServerToClientEvents, TeacherClientToServerEvents>;

/** Storing a challenge is one small write; 5 s without an answer means we are cut off. */
const CHALLENGE_ACK_TIMEOUT_MS = 5000;

/** Calls `onBoard` with every valid board the server sends (a malformed one is ignored). */
export function listenForChallengeBoard(socket: TeacherSocket, onBoard: (board: ChallengeBoard) => void): void {
  socket.on(SERVER_EVENTS.challengeBoard, (raw: unknown) => {
    const parsed = validate(challengeBoardSchema, raw);
    if (parsed.ok) onBoard(parsed.data);
  });
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
  if (!socket?.connected)
    return Promise.resolve({
      ok: false,
      error: { code: ERROR_CODE.internal, message: "Not connected to the class; try again in a moment" },
    });
  return new Promise((resolve) => {
    socket.timeout(CHALLENGE_ACK_TIMEOUT_MS).emit(TEACHER_EVENTS.challengeSet, { spec }, ((
      error: Error | null,
      raw: unknown,
    ) => {
      if (error)
        return resolve({
          ok: false,
          error: { code: ERROR_CODE.internal, message: "The server did not answer in time" },
        });
      const parsed = validate(challengeSetAckSchema, raw);
      resolve(
        parsed.ok
          ? parsed.data
          : { ok: false, error: { code: ERROR_CODE.internal, message: "Unreadable answer from the server" } },
      );
    }) as never);
  });
}
