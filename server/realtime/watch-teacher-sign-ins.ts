/**
 * Keeps every open teacher socket bound to the sign-in it connected with. A socket is checked
 * once a second, against the database, and closed when its sign-in is gone (signed out, or every
 * sign-in deleted by a password reset from the CLI process), expired, or the class is no longer
 * the teacher's (deleted). Polling rather than LISTEN/NOTIFY: it needs no trigger, sees every
 * path that deletes a row (other processes, the CLI, a manual DELETE), and costs two indexed
 * queries a second per process however many dashboards are open.
 */
import { ERROR_CODE, type ProtocolError, SERVER_EVENTS } from "../../lib/protocol";
import type { PrismaClient } from "../db/client";
import type { RoomSocket } from "./room-socket";

/**
 * How often the sign-ins behind teacher sockets are checked. The issue asks for a revoked
 * dashboard to be closed within 2 s: one interval plus one query round trip stays well inside.
 */
export const TEACHER_SIGN_IN_CHECK_INTERVAL_MS = 1000;

/** What a teacher socket was opened with. */
export type TeacherBinding = { signInId: string; teacherId: string; classId: string };

/** Told to a socket closed because its sign-in ended: the dashboard sends the teacher to sign in. */
export const SIGNED_OUT_ERROR: ProtocolError = {
  code: ERROR_CODE.forbidden,
  message: "You were signed out: sign in again",
};
/** Told to a socket closed because the class is gone or no longer the teacher's. */
export const CLASS_GONE_ERROR: ProtocolError = { code: ERROR_CODE.notFound, message: "No such class" };

/** The watcher's API: track sockets as they connect and disconnect, start and stop the clock. */
export type TeacherSignInWatch = ReturnType<typeof watchTeacherSignIns>;

/**
 * Creates the watcher. `check()` runs one pass (tests call it; `start()` runs it on the clock).
 *
 * @example
 * const watch = watchTeacherSignIns({ db, onError });
 * watch.track(roomSocket, { signInId, teacherId, classId });
 * watch.start();
 */
export function watchTeacherSignIns(options: {
  db: PrismaClient;
  onError: (error: unknown) => void;
  now?: () => number;
}) {
  const { db, onError } = options;
  const now = options.now ?? Date.now;
  const tracked = new Map<RoomSocket, TeacherBinding>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<void> | null = null;

  function close(socket: RoomSocket, error: ProtocolError): void {
    tracked.delete(socket);
    if (socket.isOpen) socket.emit(SERVER_EVENTS.error, error);
    socket.disconnect();
  }

  async function checkOnce(): Promise<void> {
    const entries = [...tracked.entries()];
    if (entries.length === 0) return;
    const signInIds = [...new Set(entries.map(([, binding]) => binding.signInId))];
    const classIds = [...new Set(entries.map(([, binding]) => binding.classId))];
    // One after the other: two concurrent statements through @prisma/adapter-pg's pool were seen
    // to interleave on one connection under load (08P01 "bind message supplies 3 parameters").
    const signIns = await db.teacherSession.findMany({
      where: { id: { in: signInIds }, expiresAt: { gt: new Date(now()) } },
      select: { id: true },
    });
    const classes = await db.classSession.findMany({
      where: { id: { in: classIds } },
      select: { id: true, teacherId: true },
    });
    const live = new Set(signIns.map((row) => row.id));
    const owners = new Map(classes.map((row) => [row.id, row.teacherId]));
    for (const [socket, binding] of entries) {
      if (!tracked.has(socket)) continue;
      if (!live.has(binding.signInId)) close(socket, SIGNED_OUT_ERROR);
      else if (owners.get(binding.classId) !== binding.teacherId) close(socket, CLASS_GONE_ERROR);
    }
  }

  /** One pass over every tracked socket; concurrent calls share the pass in flight. */
  function check(): Promise<void> {
    running ??= checkOnce()
      .catch(onError)
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    check,
    /** Starts watching a teacher socket that just connected. */
    track(socket: RoomSocket, binding: TeacherBinding): void {
      tracked.set(socket, binding);
    },
    /** Stops watching a socket that closed. */
    untrack(socket: RoomSocket): void {
      tracked.delete(socket);
    },
    start(): void {
      if (timer) return;
      timer = setInterval(() => void check(), TEACHER_SIGN_IN_CHECK_INTERVAL_MS);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
    /** Sockets being watched. */
    get size(): number {
      return tracked.size;
    },
  };
}
