/**
 * Event names, error codes and the ack shape. Event names are `noun:verb`; every name listed
 * here has a schema in student.ts, teacher.ts or frames.ts and a typed entry in socket-events.ts.
 */
import { storableString } from "../storable-string";
import { z } from "../zod";

/** Events a student socket may send. */
export const STUDENT_EVENTS = {
  /** Volatile: new loss points, step, accuracy, and at most once a second a decision map. */
  progressUpdate: "progress:update",
  /** Reliable, acked, once after a reconnect: the run's whole curve so far (offline points, a restarted server). */
  progressResume: "progress:resume",
  /** Reliable, acked: asks the server for a run id and the resolved config. */
  runStart: "run:start",
  /** Reliable, acked: the run's whole curve, final map and weights. */
  runFinish: "run:finish",
  /** Reliable, acked: a chapter cell's check result. */
  cellCheck: "cell:check",
  /** Reliable, acked: move to another step of the lesson, within the range the teacher allows. */
  lessonStep: "lesson:step",
  /** Reliable, acked once stored (v3): a point the student added or removed while training. */
  runEdit: "run:edit",
  /** Volatile, ≤ 4/s, only while the teacher watches this student (v3): the net's weights now. */
  networkWeights: "network:weights",
  /** Volatile, once per network:request (v3): the current run's weights for a snapshot. */
  networkAnswer: "network:answer",
} as const;
/** A student → server event name. */
export type StudentEventName = (typeof STUDENT_EVENTS)[keyof typeof STUDENT_EVENTS];

/** Events a teacher socket (dashboard or projector) may send. */
export const TEACHER_EVENTS = {
  /** Reliable, acked: a class control (pause all, reset all, remove, …). */
  classControl: "class:control",
  /** Reliable, acked: asks for a full snapshot, e.g. after a missed frame. */
  teacherResync: "teacher:resync",
  /** Reliable, acked: pacing, "send everyone to step N" or "move freely within steps A–B". */
  lessonPace: "lesson:pace",
  /** Reliable, acked once stored (v3): marks one student's attention flag seen (lib/protocol/attention). */
  attentionSeen: "attention:seen",
  /** Reliable, acked once stored (v3): take, order, label or remove a snapshot; show 2–4 on the projector (compare.ts). */
  snapshotControl: "snapshot:control",
  /** Reliable, acked once stored (v3): sets or closes the class's challenge. */
  challengeSet: "challenge:set",
} as const;
/** A teacher → server event name. */
export type TeacherEventName = (typeof TEACHER_EVENTS)[keyof typeof TEACHER_EVENTS];

/** Events the server sends. */
export const SERVER_EVENTS = {
  /** To a student on connect: the class as it is now (late joiners start from here). */
  sessionState: "session:state",
  /** To students: a class control took effect (start, pause, reset, removed, ended). */
  studentControl: "student:control",
  /** To a teacher on connect or resync: every tile in full. */
  teacherSnapshot: "teacher:snapshot",
  /** To teachers, once per tick when something changed: the coalesced deltas. */
  teacherFrame: "teacher:frame",
  /** To a student (v3): the teacher started or stopped watching their network (spotlight). */
  studentWatch: "student:watch",
  /** To teachers (v3): the watched student's weights, as they arrive (≤ 4/s). */
  teacherNetwork: "teacher:network",
  /** To one student (v3): send the current run's weights once (network:answer), for a snapshot. */
  networkRequest: "network:request",
  /**
   * To a student whose join waits for the teacher's approval, on connect: they see that they are
   * waiting. Admitted: session:state follows. Denied, or the session ended: an `error` event
   * (JOIN_DENIED, CLASS_ENDED) and the socket is closed.
   */
  sessionWaiting: "session:waiting",
  /** To teachers (v3), on connect and after every change: the class's snapshots, in order (compare.ts). */
  teacherTray: "teacher:tray",
  /** To teachers (v3), ≤ 1/s while one watches: the class's average and disagreement maps (compare.ts). */
  teacherConsensus: "teacher:consensus",
  /** To teachers (v3): the challenge's leaderboard, on connect and whenever it changes. */
  challengeBoard: "challenge:board",
  /** To anyone: a message without an ack was refused. */
  error: "error",
} as const;
/** A server → client event name. */
export type ServerEventName = (typeof SERVER_EVENTS)[keyof typeof SERVER_EVENTS];

const STUDENT_EVENT_NAMES: ReadonlySet<string> = new Set(Object.values(STUDENT_EVENTS));
const TEACHER_EVENT_NAMES: ReadonlySet<string> = new Set(Object.values(TEACHER_EVENTS));

/** True for a name a student may send. */
export function isStudentEvent(name: unknown): name is StudentEventName {
  return typeof name === "string" && STUDENT_EVENT_NAMES.has(name);
}

/** True for a name a teacher may send. */
export function isTeacherEvent(name: unknown): name is TeacherEventName {
  return typeof name === "string" && TEACHER_EVENT_NAMES.has(name);
}

/** Why something was refused. Clients branch on the code, show the message. */
export const ERROR_CODE = {
  invalidPayload: "INVALID_PAYLOAD",
  forbidden: "FORBIDDEN",
  /** Also for a class the teacher does not own: existence is not revealed. */
  notFound: "NOT_FOUND",
  versionMismatch: "VERSION_MISMATCH",
  classPaused: "CLASS_PAUSED",
  classEnded: "CLASS_ENDED",
  joinClosed: "JOIN_CLOSED",
  nicknameTaken: "NICKNAME_TAKEN",
  removed: "REMOVED",
  /** The run id is not the participant's current run (reset, or a newer run started). */
  staleRun: "STALE_RUN",
  forwardPassRequired: "FORWARD_PASS_REQUIRED",
  /** A step outside the range the teacher allows, or a class launched without a lesson. */
  stepNotAllowed: "STEP_NOT_ALLOWED",
  rateLimited: "RATE_LIMITED",
  /** The teacher does not allow adding points (this session or lesson step), or the run's log is full. */
  editsForbidden: "EDITS_FORBIDDEN",
  /** A waiting student's socket sent a class event: nothing is allowed until the teacher admits them. */
  awaitingApproval: "AWAITING_APPROVAL",
  /** The teacher denied this student's join: the token never connects again. */
  joinDenied: "JOIN_DENIED",
  /**
   * The database did not confirm the write in time (an outage): nothing was promised. The server
   * keeps retrying the write; the client keeps its copy and sends it again.
   */
  storageUnavailable: "STORAGE_UNAVAILABLE",
  internal: "INTERNAL",
} as const;
/** One error code. */
export type ErrorCode = (typeof ERROR_CODE)[keyof typeof ERROR_CODE];

/** An error as sent in a failed ack or an `error` event. */
export const protocolErrorSchema = z.object({
  code: z.enum(Object.values(ERROR_CODE) as [ErrorCode, ...ErrorCode[]]),
  message: storableString().max(1000),
  /** The event that was refused, in an `error` event. */
  event: storableString().max(64).optional(),
});
/** A protocol error. */
export type ProtocolError = z.output<typeof protocolErrorSchema>;

/** The answer to an acked event: `{ ok: true, ...result }` or `{ ok: false, error }`. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ProtocolError };
/** The callback socket.io passes as the last argument of an acked event. */
export type AckCallback<T extends object = object> = (response: Ack<T>) => void;

/** Builds a failed ack. */
export function ackError(code: ErrorCode, message: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: { code, message } };
}

/** Builds a schema for an ack whose success carries `result`'s fields. */
export function ackSchema<T extends z.ZodRawShape>(result: T) {
  return z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), ...result }),
    z.object({ ok: z.literal(false), error: protocolErrorSchema }),
  ]);
}
