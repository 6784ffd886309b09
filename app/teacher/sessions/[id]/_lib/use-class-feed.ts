"use client";

/**
 * The teacher's live connection to one class: opens the socket (the httpOnly sign-in cookie
 * authenticates it; `auth` only names the class), validates every message with lib/protocol and
 * feeds the class store (class-store.ts), whose listeners hear at most every RENDER_MIN_INTERVAL_MS.
 * The dashboard and the projector view share it; the projector simply never sends controls.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { io } from "socket.io-client";
import type { PacingCommand } from "@/lib/lessons";
import {
  type Ack,
  type AttentionSeen,
  attentionSeenAckSchema,
  type ClassControl,
  type ClassState,
  classControlAckSchema,
  ERROR_CODE,
  lessonPaceAckSchema,
  PROTOCOL_VERSION,
  protocolErrorSchema,
  RECONNECT_DELAY_MAX_MS,
  RECONNECT_OPTIONS,
  ROLE,
  SERVER_EVENTS,
  type SnapshotControl,
  TEACHER_EVENTS,
  teacherFrameSchema,
  teacherNetworkSchema,
  teacherResyncAckSchema,
  teacherSnapshotSchema,
  validate,
} from "@/lib/protocol";
import { type ChallengeFeed, createChallengeFeed } from "./challenge-feed";
import { type ClassStore, createClassStore } from "./class-store";
import { emitSnapshotControl, listenCompare, type SnapshotAck } from "./compare-feed";
import { type CompareStore, createCompareStore } from "./compare-store";
import { emitAcked, listenValid, type TeacherSocket } from "./teacher-socket";

/**
 * Frames arrive every 100 ms (TEACHER_TICK_MS); rendering at the same pace, inside an animation
 * frame, keeps a 300-tile render from stacking up behind another.
 */
const RENDER_MIN_INTERVAL_MS = 100;
/** A class control is applied by the server at once; 5 s without an answer means we are cut off. */
const CONTROL_ACK_TIMEOUT_MS = 5000;

/** Where the connection stands, for the status line. */
export type FeedStatus = "connecting" | "live" | "reconnecting" | "notFound" | "closed";

/** What the hook gives a page. The live class is in `store`: read it with use-class-store's hooks. */
export type ClassFeed = {
  store: ClassStore;
  status: FeedStatus;
  /** The last refused message or protocol error, for an alert. */
  lastError: string | null;
  /** Sends a class control and resolves with the server's ack (never rejects). */
  sendControl: (command: ClassControl) => Promise<Ack>;
  /** Sends a lesson pacing command (lesson:pace); resolves with the ack once it was stored (never rejects). */
  sendPacing: (command: PacingCommand) => Promise<Ack>;
  /** Marks one student's attention flag seen (attention:seen); resolves once it was stored (never rejects). */
  sendAttentionSeen: (request: AttentionSeen) => Promise<Ack>;
  /** The challenge's leaderboard (challenge:board) and challenge:set. */
  challenges: ChallengeFeed;
  /** The snapshot tray and the class consensus (issue 16): read with compare-store's hooks. */
  compare: CompareStore;
  /** Sends a snapshot command (snapshot:control); resolves once it was stored (never rejects). */
  sendSnapshot: (command: SnapshotControl) => Promise<SnapshotAck>;
};

/**
 * Listeners hear of changes inside an animation frame, at most every `minIntervalMs`: several
 * frames between two paints render once, and a 300-tile render never stacks behind another.
 */
function paintScheduler(minIntervalMs: number) {
  let lastAt = 0;
  return (flush: () => void) => {
    const wait = Math.max(0, lastAt + minIntervalMs - performance.now());
    setTimeout(() => {
      requestAnimationFrame(() => {
        lastAt = performance.now();
        flush();
      });
    }, wait);
  };
}

/** The protocol code of a refused connection (socket.io puts it in `error.data`), if any. */
function refusalCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const data = (error as Error & { data?: unknown }).data;
  const code = typeof data === "object" && data !== null ? (data as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : error.message;
}

/** Refusals that retrying cannot fix: signed out, or an old tab speaking an old protocol. */
const FINAL_REFUSALS: ReadonlySet<string> = new Set([ERROR_CODE.forbidden, ERROR_CODE.versionMismatch]);

/**
 * Connects to a class as its teacher.
 *
 * @example
 * const feed = useClassFeed(classId, initialClassState, initialTotal);
 * await feed.sendControl({ type: "pauseAll" });
 */
export function useClassFeed(classId: string, initialClass: ClassState, initialTotal: number): ClassFeed {
  const [store] = useState(() =>
    createClassStore(initialClass, initialTotal, { scheduleFlush: paintScheduler(RENDER_MIN_INTERVAL_MS) }),
  );
  const [compare] = useState(createCompareStore);
  const [status, setStatus] = useState<FeedStatus>("connecting");
  const [lastError, setLastError] = useState<string | null>(null);
  const socketRef = useRef<TeacherSocket | null>(null);
  const [challenges] = useState(() => createChallengeFeed(() => socketRef.current));

  useEffect(() => {
    let isResyncing = false;

    const socket: TeacherSocket = io({
      path: "/socket.io",
      auth: { v: PROTOCOL_VERSION, role: ROLE.teacher, classId },
      withCredentials: true,
      ...RECONNECT_OPTIONS,
    });
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    socketRef.current = socket;

    const resync = () => {
      if (isResyncing) return;
      isResyncing = true;
      socket
        .timeout(CONTROL_ACK_TIMEOUT_MS)
        .emit(TEACHER_EVENTS.teacherResync, {}, (error: Error | null, raw: unknown) => {
          isResyncing = false;
          const ack = error ? null : validate(teacherResyncAckSchema, raw);
          if (ack?.ok && ack.data.ok) store.applySnapshot(ack.data.snapshot);
        });
    };

    socket.on("connect", () => setStatus("live"));
    socket.on(SERVER_EVENTS.teacherSnapshot, (raw: unknown) => {
      const parsed = validate(teacherSnapshotSchema, raw);
      if (!parsed.ok) return setLastError(`Ignored a malformed snapshot: ${parsed.error.message}`);
      store.applySnapshot(parsed.data);
    });
    socket.on(SERVER_EVENTS.teacherFrame, (raw: unknown) => {
      const parsed = validate(teacherFrameSchema, raw);
      // A frame we cannot read is a frame we missed: start over from a snapshot.
      if (!parsed.ok) return resync();
      if (store.applyFrame(parsed.data) === "gap") resync();
    });
    listenValid(socket, SERVER_EVENTS.teacherNetwork, teacherNetworkSchema, (network) => store.setNetwork(network));
    challenges.listen(socket);
    listenCompare(socket, compare.setTray, compare.setConsensus);
    socket.on(SERVER_EVENTS.error, (raw: unknown) => {
      const parsed = validate(protocolErrorSchema, raw);
      if (!parsed.ok) return;
      if (parsed.data.code === ERROR_CODE.notFound && !socket.connected) setStatus("notFound");
      setLastError(parsed.data.message);
    });
    socket.on("connect_error", (error) => {
      const code = refusalCode(error);
      if (code === ERROR_CODE.notFound) {
        setStatus("notFound");
        socket.disconnect();
        return;
      }
      if (code !== undefined && FINAL_REFUSALS.has(code)) {
        setStatus("closed");
        setLastError(
          code === ERROR_CODE.forbidden
            ? "You are signed out: sign in again and reload"
            : "The app was updated: reload the page",
        );
        socket.disconnect();
        return;
      }
      setStatus("reconnecting");
      // A transport error is retried by socket.io; a middleware refusal (INTERNAL while a restarted
      // server's database wakes up) is not, so retry that by hand.
      if (!socket.active) retryTimer = setTimeout(() => socket.connect(), RECONNECT_DELAY_MAX_MS);
    });
    socket.on("disconnect", (reason) => {
      // The server closed us on purpose (session ended, or we are not allowed): no retry.
      setStatus((previous) =>
        previous === "notFound" ? previous : reason === "io server disconnect" ? "closed" : "reconnecting",
      );
    });

    return () => {
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [classId, store, challenges, compare]);

  const sendControl = useCallback(
    (command: ClassControl) =>
      emitAcked<Ack>(
        socketRef.current,
        TEACHER_EVENTS.classControl,
        command,
        classControlAckSchema,
        CONTROL_ACK_TIMEOUT_MS,
      ),
    [],
  );
  const sendPacing = useCallback(
    (command: PacingCommand) =>
      emitAcked<Ack>(
        socketRef.current,
        TEACHER_EVENTS.lessonPace,
        command,
        lessonPaceAckSchema,
        CONTROL_ACK_TIMEOUT_MS,
      ),
    [],
  );
  const sendAttentionSeen = useCallback(
    (request: AttentionSeen) =>
      emitAcked<Ack>(
        socketRef.current,
        TEACHER_EVENTS.attentionSeen,
        request,
        attentionSeenAckSchema,
        CONTROL_ACK_TIMEOUT_MS,
      ),
    [],
  );
  const sendSnapshot = useCallback((command: SnapshotControl) => emitSnapshotControl(socketRef.current, command), []);

  return { store, status, lastError, sendControl, sendPacing, sendAttentionSeen, compare, sendSnapshot, challenges };
}
