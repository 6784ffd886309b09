/**
 * Who is on the other end of a new socket, decided once at connection from the handshake:
 * a teacher by the sign-in cookie (and only for a class they own), a student by the participant
 * token the join exchange gave them. Everything else is refused with a protocol error.
 */
import type { IncomingHttpHeaders } from "node:http";
import {
  ERROR_CODE,
  handshakeAuthSchema,
  isSupportedVersion,
  type ProtocolError,
  ROLE,
  validate,
} from "../../lib/protocol";
// Not from server/http/teacher-auth: that loads next/headers, which breaks before Next is set up.
import { TEACHER_COOKIE } from "../auth/teacher-cookie";
import { hashToken } from "../auth/tokens";
import { JoinRequestStatus, type PrismaClient } from "../db/client";
import { findTeacherBySession } from "../teachers/find-teacher-by-session";
import { DENIED_MESSAGE, ENDED_WHILE_WAITING_MESSAGE } from "./room-admission";

/** An authenticated socket: its role, class and who it is. */
export type SocketIdentity =
  | { role: typeof ROLE.teacher; classId: string; teacherId: string; signInId: string }
  | {
      role: typeof ROLE.student;
      classId: string;
      participantId: string;
      nickname: string;
      /** A student still on the waiting list (approval mode): when they asked, ms since the epoch. */
      waitingSince?: number;
    };

/** The parts of socket.io's handshake this reads. */
export type HandshakeLike = { auth: unknown; headers: IncomingHttpHeaders };

/** The outcome of {@link authenticateSocket}. */
export type AuthResult = { ok: true; identity: SocketIdentity } | { ok: false; error: ProtocolError };

/** Same answer for a missing class and someone else's, so class ids cannot be probed. */
const NO_SUCH_CLASS: ProtocolError = { code: ERROR_CODE.notFound, message: "No such class" };
/** A cookie header longer than this is not ours; don't parse megabytes of it. */
const MAX_COOKIE_HEADER_CHARS = 8192;

/**
 * Authenticates a socket from its handshake. Never throws for bad input; database failures do
 * throw (the caller answers INTERNAL).
 *
 * @example
 * const result = await authenticateSocket(db, socket.handshake);
 * if (!result.ok) return next(toConnectError(result.error));
 */
export async function authenticateSocket(db: PrismaClient, handshake: HandshakeLike): Promise<AuthResult> {
  const parsed = validate(handshakeAuthSchema, handshake.auth);
  if (!parsed.ok) return parsed;
  const auth = parsed.data;
  if (!isSupportedVersion(auth)) {
    return { ok: false, error: { code: ERROR_CODE.versionMismatch, message: "The app was updated: reload the page" } };
  }
  if (auth.role === ROLE.teacher) {
    const teacher = await findTeacherBySession(db, readCookie(handshake.headers.cookie, TEACHER_COOKIE));
    if (!teacher) return { ok: false, error: { code: ERROR_CODE.forbidden, message: "Sign in as a teacher first" } };
    const owned = await db.classSession.findFirst({
      where: { id: auth.classId, teacherId: teacher.id },
      select: { id: true },
    });
    if (!owned) return { ok: false, error: NO_SUCH_CLASS };
    return {
      ok: true,
      identity: { role: ROLE.teacher, classId: owned.id, teacherId: teacher.id, signInId: teacher.signInId },
    };
  }
  const tokenHash = hashToken(auth.token);
  const participant = await db.participant.findUnique({
    where: { tokenHash },
    select: { id: true, nickname: true, removedAt: true, classSession: { select: { id: true, status: true } } },
  });
  if (!participant) return authenticateJoinRequest(db, tokenHash);
  if (participant.removedAt)
    return { ok: false, error: { code: ERROR_CODE.removed, message: "You were removed from this class" } };
  if (participant.classSession.status === "ENDED") {
    return { ok: false, error: { code: ERROR_CODE.classEnded, message: "This class has ended" } };
  }
  const identity = {
    role: ROLE.student,
    classId: participant.classSession.id,
    participantId: participant.id,
    nickname: participant.nickname,
  };
  return { ok: true, identity };
}

/**
 * A token that is no participant's may be a join request's (approval mode): still waiting, it
 * connects to the waiting list; denied, it is refused for good. An admitted request's token is
 * its participant's, found before this.
 */
async function authenticateJoinRequest(db: PrismaClient, tokenHash: string): Promise<AuthResult> {
  const request = await db.joinRequest.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      nickname: true,
      status: true,
      requestedAt: true,
      classSession: { select: { id: true, status: true } },
    },
  });
  if (!request || request.status === JoinRequestStatus.ADMITTED)
    return { ok: false, error: { code: ERROR_CODE.notFound, message: "Unknown participant: join the class again" } };
  if (request.status === JoinRequestStatus.DENIED)
    return { ok: false, error: { code: ERROR_CODE.joinDenied, message: DENIED_MESSAGE } };
  if (request.classSession.status === "ENDED")
    return { ok: false, error: { code: ERROR_CODE.classEnded, message: ENDED_WHILE_WAITING_MESSAGE } };
  const identity = {
    role: ROLE.student,
    classId: request.classSession.id,
    participantId: request.id,
    nickname: request.nickname,
    waitingSince: request.requestedAt.getTime(),
  };
  return { ok: true, identity };
}

/** One cookie's value from a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > MAX_COOKIE_HEADER_CHARS) return undefined;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
