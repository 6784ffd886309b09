/**
 * How a socket says who it is at connection (socket.io `auth`), and the HTTP join exchange that
 * gives a student the token it connects with. Teachers are authenticated by their sign-in cookie;
 * the auth object only says which class they open.
 */

import { joinCodeSchema } from "../classroom/join-code";
import { nicknameSchema } from "../classroom/nickname";
import { storableString } from "../storable-string";
import { z } from "../zod";
import { idSchema } from "./common";
import { ERROR_CODE } from "./events";
import { PROTOCOL_VERSION } from "./limits";

/** 32 random bytes (256 bits, ≥ the 128 required) as base64url: 43 characters. */
export const PARTICIPANT_TOKEN_BYTES = 32;
/** A participant token as the browser stores it; the server keeps only its hash. */
export const participantTokenSchema = storableString().regex(/^[A-Za-z0-9_-]{22,128}$/, "Malformed participant token");

/** Socket roles. */
export const ROLE = { student: "student", teacher: "teacher" } as const;

/**
 * socket.io `auth` at connection. `v` must equal {@link PROTOCOL_VERSION}; a mismatch is refused
 * with VERSION_MISMATCH so an old tab reloads instead of speaking an old protocol.
 *
 * @example
 * io({ auth: { v: PROTOCOL_VERSION, role: "student", token } });
 */
export const handshakeAuthSchema = z.discriminatedUnion("role", [
  z.object({ v: z.number(), role: z.literal(ROLE.student), token: participantTokenSchema }),
  z.object({ v: z.number(), role: z.literal(ROLE.teacher), classId: idSchema }),
]);
/** Handshake auth. */
export type HandshakeAuth = z.output<typeof handshakeAuthSchema>;

/** True when a client speaks this protocol version. */
export function isSupportedVersion(auth: { v: number }): boolean {
  return auth.v === PROTOCOL_VERSION;
}

/** The join form: code as typed, nickname as typed; both come out normalized. */
export const joinRequestSchema = z.object({ code: joinCodeSchema, nickname: nicknameSchema });
/** A join request. */
export type JoinRequest = z.output<typeof joinRequestSchema>;

/** The join answer: a token to keep, or why not (with a free nickname to suggest on a clash). */
export const joinResponseSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    classId: idSchema,
    participantId: idSchema,
    token: participantTokenSchema,
    /** Approval mode: the student waits on the teacher's waiting list; the socket says when they are let in. */
    isWaiting: z.boolean().optional(),
  }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum([
        ERROR_CODE.notFound,
        ERROR_CODE.joinClosed,
        ERROR_CODE.classEnded,
        ERROR_CODE.nicknameTaken,
        ERROR_CODE.invalidPayload,
        ERROR_CODE.rateLimited,
      ]),
      message: storableString(),
    }),
    suggestion: storableString().optional(),
  }),
]);
/** A join response. */
export type JoinResponse = z.output<typeof joinResponseSchema>;
