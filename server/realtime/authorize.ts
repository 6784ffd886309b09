/**
 * Authorization rules as pure functions, so the socket wiring and the HTTP routes apply the same
 * ones and tests can check them without a server.
 */
import { isStudentEvent, isTeacherEvent, ROLE } from "../../lib/protocol";

/** Who is on the other end of a socket. */
export type SocketRole = (typeof ROLE)[keyof typeof ROLE];

/**
 * True when this teacher may see and control the class. A teacher who does not own the class is
 * answered exactly like a missing class (404 / NOT_FOUND), so class ids cannot be probed.
 */
export function canTeacherAct(teacherId: string | null | undefined, classOwnerId: string): boolean {
  return typeof teacherId === "string" && teacherId.length > 0 && teacherId === classOwnerId;
}

/** What to do with an incoming event on a socket of this role. */
export type EventVerdict = "handle" | "forbid" | "ignore";

/**
 * Students may send only student events, teachers only teacher events. The other role's events
 * are refused with FORBIDDEN; names nobody knows are ignored, as the protocol promises.
 */
export function classifyEvent(role: SocketRole, event: unknown): EventVerdict {
  const isOwn = role === ROLE.student ? isStudentEvent(event) : isTeacherEvent(event);
  if (isOwn) return "handle";
  const isOthers = role === ROLE.student ? isTeacherEvent(event) : isStudentEvent(event);
  return isOthers ? "forbid" : "ignore";
}
