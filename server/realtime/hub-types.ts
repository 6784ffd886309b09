/** The hub's shapes: its options, a room with its sockets, and how a socket is bound. */
import type { RunConfig, SessionSettings } from "../../lib/classroom/settings";
import type { Pacing } from "../../lib/lessons";
import type { CellCheck, CellResult, ClassControl, ProtocolError, ROLE } from "../../lib/protocol";
import type { ClassRoom, FinishedRun, LessonMoveEffect } from "./class-room";
import type { ControlEffect } from "./room-control";
import type { RoomDelivery } from "./room-delivery";
import type { RoomSocket } from "./room-socket";

/** setInterval/clearInterval, injectable so tests drive ticks by hand. */
export type Timer = {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
};

/** Options of {@link createClassRoomHub}. */
export type HubOptions = {
  now: () => number;
  createId: () => string;
  timer?: Timer;
  hooks?: HubHooks;
  /**
   * Where frames and notices go: socket.io's rooms in the server (server/realtime/io-delivery.ts),
   * rooms over the bound sockets when absent (tests with fake sockets).
   */
  delivery?: RoomDelivery;
  /**
   * Stores a teacher's pacing command (lesson:pace) and resolves with the pacing and settings as
   * stored; rejects to refuse it (an AppError's code and message are passed on). The room applies
   * the result only after this resolved: pacing is durable before anyone is told. Without it the
   * hub refuses lesson:pace.
   */
  storePacing?(input: { classId: string; teacherId: string; command: unknown }): Promise<StoredPacing>;
};

/** The class's pacing and settings after a pacing command, as stored. */
export type StoredPacing = { pacing: Pacing; settings: SessionSettings };

/** A room and the sockets bound to it. */
export type RoomEntry = {
  room: ClassRoom;
  teachers: Set<RoomSocket>;
  students: Map<string, Set<RoomSocket>>;
};

/** How a socket is bound: its role, class and (students) participant. */
export type Binding = { socket: RoomSocket; classId: string } & (
  | { role: typeof ROLE.teacher; teacherId: string }
  | { role: typeof ROLE.student; participantId: string }
);

/**
 * What a hook of a durable event may return: the hub answers the sender with it once it settles
 * (persistence: after the write committed), instead of `{ ok: true }` at once.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: listeners that return nothing (tests, metrics) must still fit.
export type HookAnswer = Promise<{ ok: true } | { ok: false; error: ProtocolError }> | undefined | void;

/** Called after the room accepted something; persistence and verification hang here. Must not throw. */
export type HubHooks = {
  onRunStarted?(run: {
    classId: string;
    participantId: string;
    runId: string;
    config: RunConfig;
    generation: number;
    replacedRunId: string | null;
    lessonStep: number | null;
  }): HookAnswer;
  onRunFinished?(record: FinishedRun): HookAnswer;
  onCellChecked?(check: { classId: string; participantId: string; check: CellCheck; result: CellResult }): HookAnswer;
  onControl?(classId: string, command: ClassControl, effect: ControlEffect): HookAnswer;
  /** Students moved to other lesson steps (pacing or their own move); the runs it stopped are in `effect`. */
  onLessonMoved?(classId: string, effect: LessonMoveEffect): HookAnswer;
  /**
   * A student's socket connected (`isPresent`, once per socket: a second tab calls it again) or
   * their last socket closed. Removal and the session's end close no socket through here: the
   * control hook says so instead.
   */
  onPresence?(classId: string, participantId: string, isPresent: boolean): void;
  /** Anything thrown inside the hub or a hook; the hub carries on. */
  onError?(error: unknown): void;
};
