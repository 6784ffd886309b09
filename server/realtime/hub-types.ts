/** The hub's shapes: its options, a room with its sockets, and how a socket is bound. */

import type { ChallengeEntry } from "../../lib/classroom/challenge";
import type { RunGroup } from "../../lib/classroom/groups";
import type { RunConfig, SessionSettings } from "../../lib/classroom/settings";
import type { Pacing } from "../../lib/lessons";
import type { CellCheck, CellResult, Challenge, ClassControl, ProtocolError, ROLE } from "../../lib/protocol";
import type { PointEdit } from "../../lib/training/point-edits";
import type { SeenMarksRecord } from "../participants/record-attention-seen";
import type { SnapshotStore } from "../snapshots/snapshot-store";
import type { ClassRoom, FinishedRun, LessonMoveEffect } from "./class-room";
import type { ControlEffect } from "./room-control";
import type { RoomDelivery } from "./room-delivery";
import type { RoomSocket } from "./room-socket";

/** What the desk needs from outside: storage and the judge (server/challenges). */
export type ChallengeServices = {
  /** Stores the class's challenge (null closes it); resolves with it as stored. Rejects with AppError to refuse. */
  store(input: { classId: string; teacherId: string; spec: unknown }): Promise<Challenge | null>;
  /** Judges a durable finished run and stores the verdict; resolves once it committed. */
  judge(challenge: Challenge, record: FinishedRun): Promise<ChallengeEntry>;
};

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
  /** Where snapshot:control stores the class's snapshots (server/snapshots); without it the hub refuses them. */
  snapshots?: SnapshotStore;
  /** Challenges (server/challenges): storing them and judging finished runs. Without it challenge:set is refused. */
  challenges?: ChallengeServices;
};

/** The class's pacing and settings after a pacing command, as stored. */
export type StoredPacing = { pacing: Pacing; settings: SessionSettings };

/** A room and the sockets bound to it. */
export type RoomEntry = {
  room: ClassRoom;
  teachers: Set<RoomSocket>;
  students: Map<string, Set<RoomSocket>>;
  /** Sockets of students on the waiting list, by participant (join request) id. */
  waiting: Map<string, Set<RoomSocket>>;
};

/** How a socket is bound: its role, class and (students) participant. */
export type Binding = { socket: RoomSocket; classId: string } & (
  | { role: typeof ROLE.teacher; teacherId: string }
  | {
      role: typeof ROLE.student;
      participantId: string;
      /** On the waiting list: every class event is refused (AWAITING_APPROVAL) until admitted. */
      isWaiting: boolean;
    }
);

/**
 * What a hook of a durable event may return: the hub answers the sender with it once it settles
 * (persistence: after the write committed), instead of `{ ok: true }` at once.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: listeners that return nothing (tests, metrics) must still fit.
export type HookAnswer = Promise<{ ok: true } | { ok: false; error: ProtocolError }> | undefined | void;

/** A stored control's two moments: its commit (the effect follows) and the teacher's answer. */
export type ControlWrite = {
  committed: Promise<{ ok: true } | { ok: false; error: ProtocolError }>;
  answer: Promise<{ ok: true } | { ok: false; error: ProtocolError }>;
};

/** Called after the room accepted something; persistence and verification hang here. Must not throw. */
export type HubHooks = {
  /**
   * Asked before the room takes a new run start, finish or cell check: true while storage cannot
   * take more (the writer's backlog at its bound). The hub then refuses it with STORAGE_BUSY's
   * answer (STORAGE_UNAVAILABLE, "busy"): the sender keeps it and sends it again.
   */
  isStorageBusy?(): boolean;
  onRunStarted?(run: {
    classId: string;
    participantId: string;
    runId: string;
    config: RunConfig;
    generation: number;
    replacedRunId: string | null;
    lessonStep: number | null;
    startedAt: number;
    startRequestId: string | null;
    /** The group experiment's group it is trained in; null outside one. */
    group: RunGroup | null;
    /** A resent request answered with the run it started before: store it (again, idempotently), start nothing. */
    isRepeat: boolean;
  }): HookAnswer;
  onRunFinished?(record: FinishedRun): HookAnswer;
  /**
   * A student joined (or came back to) a class with a group experiment and was given a group
   * (the smallest): store it. Queued before anything they send next, so their runs land after it.
   */
  onGroupAssigned?(assignment: { classId: string; participantId: string; group: number }): HookAnswer;
  /** A run's point-edit log grew; the answer (after it is stored) acks the student's run:edit. */
  onRunEdited?(edit: {
    classId: string;
    participantId: string;
    runId: string;
    edits: readonly PointEdit[];
  }): HookAnswer;
  onCellChecked?(check: { classId: string; participantId: string; check: CellCheck; result: CellResult }): HookAnswer;
  /**
   * A class control the room applied: store it. The hub delivers its effect (students' control
   * messages, a removed student's sockets closing) only once `committed` settles ok, and answers
   * the teacher with `answer` (which may come first: STORAGE_UNAVAILABLE past a deadline, while
   * the write is still retried). A plain promise is both; nothing returned: nothing to store.
   */
  onControl?(classId: string, command: ClassControl, effect: ControlEffect): ControlWrite | HookAnswer;
  /**
   * Seen marks on attention flags to store, each participant's whole: one the teacher just made
   * (the hub applies it only once `committed` settles ok, and answers with `answer`), or marks
   * dropped because their condition cleared (nobody waits). Nothing returned: nothing to store.
   */
  onAttentionSeen?(classId: string, records: readonly SeenMarksRecord[]): ControlWrite | HookAnswer;
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
