/**
 * Challenges on the wire (v3): the teacher's challenge:set and the challenge:board every teacher
 * socket of the class (dashboard, projector) gets on connect and whenever the board changes.
 * The rules and the entries are lib/classroom's (challengeSpecSchema, challengeEntrySchema).
 */
import { challengeEntrySchema, challengeSpecSchema } from "../classroom/challenge";
import { z } from "../zod";
import { idSchema } from "./common";
import { ackSchema } from "./events";

/** Most ranked rows a board carries (one per student; a class has at most a few hundred). */
export const MAX_BOARD_ROWS = 500;
/** Most runs a board lists as not ranked (the newest first); the review shows them all. */
export const MAX_BOARD_UNRANKED = 50;

/**
 * challenge:set (acked once stored): sets the class's challenge (closing the one before), or
 * closes it with `spec: null`.
 *
 * @example socket.emit("challenge:set", { spec: { dataset: "xor", noise: 0.3, dataSeed: 42, minAccuracy: 0.95, maxHidden: 4, maxSteps: null, optimizers: ["sgd"] } }, ack)
 */
export const challengeSetSchema = z.object({ spec: challengeSpecSchema.nullable() });
/** The challenge:set payload. */
export type ChallengeSet = z.output<typeof challengeSetSchema>;

/** A challenge as set: its id, rules and when (ms since the epoch). */
export const challengeSchema = z.object({ id: idSchema, spec: challengeSpecSchema, setAt: z.number() });
/** A challenge. */
export type Challenge = z.output<typeof challengeSchema>;

/** challenge:set ack: the open challenge now (null after closing). */
export const challengeSetAckSchema = ackSchema({ challenge: challengeSchema.nullable() });

/** One ranked row: a student's best verified run. */
export const boardRowSchema = challengeEntrySchema.extend({ rank: z.int().min(1) });

/**
 * challenge:board: the open challenge (null: none), its ranked rows (verified runs only, each
 * student once, rank 1 first), the newest runs that do not rank with their reasons, and how many
 * finished runs wait for the server's replay.
 */
export const challengeBoardSchema = z.object({
  challenge: challengeSchema.nullable(),
  ranked: z.array(boardRowSchema).max(MAX_BOARD_ROWS),
  unranked: z.array(challengeEntrySchema).max(MAX_BOARD_UNRANKED),
  /** Runs judged against this challenge so far, ranked or not. */
  judged: z.int().min(0),
  pending: z.int().min(0),
});
/** A leaderboard. */
export type ChallengeBoard = z.output<typeof challengeBoardSchema>;
