/**
 * Owns every class room of this process, binds sockets to them, runs the teacher tick and
 * delivers: coalesced frames to teacher sockets, control messages to student sockets. Sockets
 * are bound to one class at connection, so nothing of another class ever reaches them. The
 * socket.io wiring only adapts sockets and calls connect*, receive and disconnect.
 */

import type { ProtocolError, ServerEventName, ServerToClientEvents } from "../../lib/protocol";
import {
  CLASS_CONTROL,
  type ClassControl,
  ERROR_CODE,
  lessonPaceSchema,
  ROLE,
  SERVER_EVENTS,
  STUDENT_CONTROL,
  STUDENT_EVENTS,
  TEACHER_EVENTS,
  TEACHER_TICK_MS,
  validate,
} from "../../lib/protocol";
import type { StoredChallenge } from "../challenges/load-challenge";
import { canTeacherAct, classifyEvent } from "./authorize";
import { type ClassRoom, type ClassRoomOptions, createClassRoom } from "./class-room";
import { answerAfter } from "./hub-answer";
import {
  forwardNetwork,
  type HubStudentEvent,
  type HubTeacherEvent,
  handleStudentEvent,
  handleTeacherEvent,
  makeReply,
  type Reply,
} from "./hub-handlers";
import type { Binding, ControlWrite, HookAnswer, HubOptions, RoomEntry } from "./hub-types";
import { pacingRefusal } from "./pacing-refusal";
import { DENIED_MESSAGE, ENDED_WHILE_WAITING_MESSAGE } from "./room-admission";
import { createChallengeDesk } from "./room-challenge";
import { createRoomConsensus } from "./room-consensus";
import type { ControlEffect } from "./room-control";
import { createLocalDelivery, ROOM_NAME } from "./room-delivery";
import { createRoomSnapshots } from "./room-snapshots";
import type { RoomSocket } from "./room-socket";
import type { RoomResult } from "./room-state";
import { createRoomWeights } from "./room-weights";

export type { Binding, HubOptions, RoomEntry, StoredPacing, Timer } from "./hub-types";

/** The hub's API. */
export type ClassRoomHub = ReturnType<typeof createClassRoomHub>;

/**
 * Creates the hub.
 *
 * @example
 * const hub = createClassRoomHub({ now: Date.now, createId: cuid, timer: globalThis });
 * hub.start();
 * io.on("connection", (s) => { hub.connectStudent(adapt(s), { ... }); s.onAny((e, ...a) => hub.receive(adapt(s), e, a)); });
 */
export function createClassRoomHub(options: HubOptions) {
  const { now, createId } = options;
  const delivery = options.delivery ?? createLocalDelivery();
  const challenges = createChallengeDesk({ services: options.challenges, delivery, onError: options.hooks?.onError });
  const hooks = challenges.wrapHooks(options.hooks ?? {});
  const rooms = new Map<string, RoomEntry>();
  const bindings = new Map<string, Binding>();
  /** Per class, the pacing command being stored: commands are stored and applied one at a time, in order. */
  const pacingQueues = new Map<string, Promise<void>>();
  let timerHandle: unknown = null;
  // Issue 16: the snapshot trays and the class consensus (their own modules).
  // A snapshot of a student mid-run asks their page once for the weights (room-weights.ts).
  const weights = createRoomWeights({ delivery, createId });
  const snapshots = createRoomSnapshots({
    store: options.snapshots,
    delivery,
    fetchWeights: (entry, participantId) => weights.fetch(entry, participantId),
    onError: (e) => hooks.onError?.(e),
  });
  const consensus = createRoomConsensus({ now, delivery });

  function emit<E extends ServerEventName>(
    socket: RoomSocket,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    if (socket.isOpen) socket.emit(event, ...args);
  }

  /** Takes one room's frame and sends it to its teacher room (taken even with no teacher watching). */
  function tickRoom(entry: RoomEntry): void {
    challenges.flush(entry.room.classId, entry.room.hasParticipant);
    const frame = entry.room.tick();
    // Seen marks whose condition cleared are forgotten in storage too (nobody waits for it).
    const cleared = entry.room.takeClearedSeen();
    if (cleared.length > 0) callHook(() => hooks.onAttentionSeen?.(entry.room.classId, cleared));
    if (frame && entry.teachers.size > 0)
      delivery.emitTo(ROOM_NAME.teachers(entry.room.classId), SERVER_EVENTS.teacherFrame, frame);
    consensus.tick(entry);
    // Running nets flagged stuck: their weights, polled, let the dead-units flag name the cause.
    weights.poll(entry, now());
  }

  function sendStudentState(
    entry: RoomEntry,
    participantId: string,
    type: Exclude<ControlEffect["notice"], null> | typeof STUDENT_CONTROL.step,
  ): void {
    // Only a reset or a step move changes the last run; the page keeps the one it has otherwise.
    const carriesLastRun = type === STUDENT_CONTROL.reset || type === STUDENT_CONTROL.step;
    const state = entry.room.snapshotForControl(participantId, carriesLastRun);
    if (!state) return;
    // Each student's state differs (their run, step, settings): one message per participant room.
    delivery.emitTo(ROOM_NAME.participant(entry.room.classId, participantId), SERVER_EVENTS.studentControl, {
      type,
      state,
    });
  }

  function removeStudent(entry: RoomEntry, participantId: string): void {
    const sockets = entry.students.get(participantId) ?? new Set();
    entry.students.delete(participantId);
    for (const socket of sockets) bindings.delete(socket.id);
    const room = ROOM_NAME.participant(entry.room.classId, participantId);
    delivery.emitTo(room, SERVER_EVENTS.studentControl, { type: STUDENT_CONTROL.removed });
    delivery.disconnectRoom(room);
  }

  /** Refuses a waiting student's sockets with `error` (JOIN_DENIED, CLASS_ENDED) and closes them. */
  function refuseWaiting(entry: RoomEntry, participantId: string, error: ProtocolError): void {
    const sockets = entry.waiting.get(participantId) ?? new Set();
    entry.waiting.delete(participantId);
    for (const socket of sockets) {
      bindings.delete(socket.id);
      emit(socket, SERVER_EVENTS.error, error);
      socket.disconnect();
    }
  }

  /**
   * Moves an admitted student's waiting sockets into the class: they become the member's sockets
   * and get session:state. Returns whether any socket was there (the student is present).
   */
  function enterWaiting(entry: RoomEntry, participantId: string, nickname: string): boolean {
    const sockets = entry.waiting.get(participantId);
    entry.waiting.delete(participantId);
    if (!sockets || sockets.size === 0) return false;
    const joined = entry.room.join({ id: participantId, nickname, isAdmitted: true });
    if (!joined.ok) return false;
    storeGroup(entry, participantId, joined.assignedGroup);
    entry.students.set(participantId, sockets);
    for (const socket of sockets) {
      delivery.join(socket, ROOM_NAME.students(entry.room.classId));
      delivery.join(socket, ROOM_NAME.participant(entry.room.classId, participantId));
      const binding = bindings.get(socket.id);
      if (binding?.role === ROLE.student) binding.isWaiting = false;
      emit(socket, SERVER_EVENTS.sessionState, joined.state);
    }
    return true;
  }

  /** Carries out a control's effect on student sockets, right away (not on the tick). */
  function deliverEffect(entry: RoomEntry, effect: ControlEffect): void {
    if (effect.removedParticipantId) removeStudent(entry, effect.removedParticipantId);
    const refusal: ProtocolError =
      effect.notice === STUDENT_CONTROL.ended
        ? { code: ERROR_CODE.classEnded, message: ENDED_WHILE_WAITING_MESSAGE }
        : { code: ERROR_CODE.joinDenied, message: DENIED_MESSAGE };
    for (const participantId of effect.deniedIds) refuseWaiting(entry, participantId, refusal);
    const notice = effect.notice;
    if (!notice) return;
    for (const participantId of entry.students.keys()) sendStudentState(entry, participantId, notice);
  }

  /**
   * A stored control's effect: first on the students already in (so the admitted do not get the
   * notice), then the admitted move from the waiting list into the class, their presence after
   * the control's write that created their participant rows.
   */
  function takeEffect(entry: RoomEntry, effect: ControlEffect): void {
    deliverEffect(entry, effect);
    const present = effect.admittedIds.filter((id) =>
      enterWaiting(entry, id, entry.room.snapshotForStudent(id)?.participant.nickname ?? ""),
    );
    for (const id of present) callHook(() => hooks.onPresence?.(entry.room.classId, id, true));
  }

  /**
   * A class control is durable before it takes effect: the room applies it in memory (so the
   * write stores what the room holds, and events after it are judged by it), but no student is
   * told, no socket closed and the teacher not answered ok until the write committed. A write
   * the database does not confirm in time is answered STORAGE_UNAVAILABLE; it stays queued, and
   * its effect is delivered when it commits.
   */
  /** Tells a student whether the teacher watches their network now (they send weights only then). */
  function sendWatch(entry: RoomEntry, participantId: string | null, isWatched: boolean): void {
    if (participantId === null) return;
    for (const socket of entry.students.get(participantId) ?? [])
      emit(socket, SERVER_EVENTS.studentWatch, { isWatched });
  }

  function control(entry: RoomEntry, command: ClassControl): RoomResult | Promise<RoomResult> {
    const watchedBefore = entry.room.spotlightId;
    const result = entry.room.control(command);
    if (!result.ok) return result;
    if (command.type === CLASS_CONTROL.anonymize) snapshots.refresh(entry);
    const watchedNow = entry.room.spotlightId;
    // The spotlight is display only (nothing stored): the watch starts and stops at once.
    if (watchedNow !== watchedBefore) {
      sendWatch(entry, watchedBefore, false);
      sendWatch(entry, watchedNow, true);
      // A finished run's (or the last sent) network shows at once, before the student answers.
      forwardNetwork(entry, entry.room.watchedNetwork());
    }
    const write = callHook(() => hooks.onControl?.(entry.room.classId, command, result.effect));
    if (!write) {
      takeEffect(entry, result.effect);
      return { ok: true };
    }
    const { committed, answer } = write instanceof Promise ? { committed: write, answer: write } : write;
    // Registered before the answer's: students hear the control before the teacher's ack.
    void committed.then(
      (outcome) => {
        if (outcome.ok) takeEffect(entry, result.effect);
      },
      (error: unknown) => hooks.onError?.(error),
    );
    return answerAfter(hooks, answer, { ok: true });
  }

  /**
   * lesson:pace: stores the command first (storePacing), then applies what was stored to the
   * room, tells every student their new step and state, and acks. Never rejects.
   */
  function pace(entry: RoomEntry, teacherId: string, payload: unknown, reply: Reply): void {
    const classId = entry.room.classId;
    const store = options.storePacing;
    if (!store || !entry.room.hasLesson) {
      reply({
        ok: false,
        error: { code: ERROR_CODE.stepNotAllowed, message: "This class was launched without a lesson" },
      });
      return;
    }
    const parsed = validate(lessonPaceSchema, payload);
    if (!parsed.ok) {
      reply(parsed);
      return;
    }
    const command = parsed.data;
    const previous = pacingQueues.get(classId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const stored = await store({ classId, teacherId, command });
        // The room may have been closed (and reopened from storage, already paced) meanwhile.
        if (rooms.get(classId) !== entry) return reply({ ok: true, pacing: stored.pacing });
        const result = entry.room.setPacing(stored.pacing, stored.settings);
        if (!result.ok) return reply(result);
        for (const participantId of entry.students.keys()) sendStudentState(entry, participantId, STUDENT_CONTROL.step);
        // The ack waits for the runs the move stopped to be stored too.
        const answer = callHook(() => hooks.onLessonMoved?.(classId, result.effect));
        reply(await answerAfter(hooks, answer, { ok: true, pacing: stored.pacing }));
      } catch (error) {
        const refusal = pacingRefusal(error);
        if (refusal.code === ERROR_CODE.internal) hooks.onError?.(error);
        reply({ ok: false, error: refusal });
      }
    });
    pacingQueues.set(classId, next);
    void next.finally(() => {
      if (pacingQueues.get(classId) === next) pacingQueues.delete(classId);
    });
  }

  function callHook<T extends HookAnswer | ControlWrite>(call: () => T): T | undefined {
    try {
      return call();
    } catch (error) {
      hooks.onError?.(error);
      return undefined;
    }
  }

  /** A joiner given a group (room-groups.ts) has it stored, in order before their next run. */
  function storeGroup(entry: RoomEntry, participantId: string, group: number | null): void {
    if (group === null) return;
    const answer = callHook(() => hooks.onGroupAssigned?.({ classId: entry.room.classId, participantId, group }));
    if (answer) void answer.then((outcome) => !outcome.ok && hooks.onError?.(outcome.error), hooks.onError);
  }

  function refuse(socket: RoomSocket, error: ProtocolError): RoomResult {
    emit(socket, SERVER_EVENTS.error, error);
    return { ok: false, error };
  }

  return {
    /** Opens (or returns the already open) room of a class, e.g. after loading it from the database. */
    openRoom(init: Omit<ClassRoomOptions, "now" | "createId"> & { challenge?: StoredChallenge }): ClassRoom {
      const existing = rooms.get(init.classId);
      if (existing) return existing.room;
      const room = createClassRoom({ ...init, now, createId });
      challenges.open(init.classId, init.challenge);
      rooms.set(init.classId, { room, teachers: new Set(), students: new Map(), waiting: new Map() });
      return room;
    },

    /** The open room of a class, if any. */
    getRoom(classId: string): ClassRoom | undefined {
      return rooms.get(classId)?.room;
    },

    /** Drops a room and disconnects its sockets (after the session ended and was persisted). */
    closeRoom(classId: string): void {
      const entry = rooms.get(classId);
      if (!entry) return;
      rooms.delete(classId);
      snapshots.forget(classId);
      weights.forget(classId);
      consensus.forget(classId);
      challenges.forget(classId);
      const waiting = [...entry.waiting.values()].flatMap((set) => [...set]);
      const sockets = [...entry.teachers, ...[...entry.students.values()].flatMap((set) => [...set]), ...waiting];
      for (const socket of sockets) bindings.delete(socket.id);
      delivery.disconnectRoom(ROOM_NAME.teachers(classId));
      delivery.disconnectRoom(ROOM_NAME.students(classId));
      // Waiting students are in no room yet (they hear nothing the class hears).
      for (const socket of waiting) socket.disconnect();
    },

    /**
     * Forgets a room and its sockets' bindings without a word to anyone: another process took
     * the class over (server/cluster) and its sockets are reconnecting there.
     */
    dropRoom(classId: string): void {
      const entry = rooms.get(classId);
      if (!entry) return;
      rooms.delete(classId);
      snapshots.forget(classId);
      weights.forget(classId);
      consensus.forget(classId);
      challenges.forget(classId);
      const waiting = [...entry.waiting.values()].flatMap((set) => [...set]);
      for (const socket of [
        ...entry.teachers,
        ...[...entry.students.values()].flatMap((set) => [...set]),
        ...waiting,
      ]) {
        bindings.delete(socket.id);
        delivery.forget(socket);
      }
    },

    /**
     * Binds a teacher socket (already authenticated by cookie) to a class it owns and sends the
     * snapshot. Not the owner, or no such room: NOT_FOUND, exactly like a missing class; the
     * caller then disconnects the socket (the error event was already sent).
     */
    connectTeacher(socket: RoomSocket, auth: { teacherId: string; classId: string }): RoomResult {
      const entry = rooms.get(auth.classId);
      if (!entry || !canTeacherAct(auth.teacherId, entry.room.ownerId)) {
        return refuse(socket, { code: ERROR_CODE.notFound, message: "No such class" });
      }
      // Flush first so the snapshot and the next frame don't overlap.
      tickRoom(entry);
      entry.teachers.add(socket);
      delivery.join(socket, ROOM_NAME.teachers(auth.classId));
      bindings.set(socket.id, { socket, classId: auth.classId, role: ROLE.teacher, teacherId: auth.teacherId });
      emit(socket, SERVER_EVENTS.teacherSnapshot, entry.room.snapshotForTeacher());
      const network = entry.room.watchedNetwork();
      if (network) emit(socket, SERVER_EVENTS.teacherNetwork, network);
      snapshots.greet(entry, socket);
      consensus.greet(entry, socket);
      challenges.greet(socket, auth.classId, entry.room.hasParticipant);
      return { ok: true };
    },

    /**
     * Binds a student socket (already authenticated by participant token) to their class and
     * sends the current state: a late joiner into a paused class starts paused. On failure
     * (REMOVED, JOIN_CLOSED, CLASS_ENDED, NICKNAME_TAKEN, NOT_FOUND) the caller disconnects.
     */
    connectStudent(
      socket: RoomSocket,
      auth: {
        classId: string;
        participantId: string;
        nickname: string;
        isAdmitted?: boolean;
        /** Set when the stored join request is still WAITING: when it was made, ms since the epoch. */
        waitingSince?: number | undefined;
      },
    ): RoomResult {
      const entry = rooms.get(auth.classId);
      if (!entry) return refuse(socket, { code: ERROR_CODE.notFound, message: "No such class" });
      if (auth.waitingSince !== undefined) {
        const admission = entry.room.joinWaiting({
          id: auth.participantId,
          nickname: auth.nickname,
          requestedAt: auth.waitingSince,
        });
        if (!admission.ok) return refuse(socket, admission.error);
        if (admission.isWaiting) {
          const sockets = entry.waiting.get(auth.participantId) ?? new Set();
          sockets.add(socket);
          entry.waiting.set(auth.participantId, sockets);
          bindings.set(socket.id, {
            socket,
            classId: auth.classId,
            role: ROLE.student,
            participantId: auth.participantId,
            isWaiting: true,
          });
          emit(socket, SERVER_EVENTS.sessionWaiting, admission.waiting);
          return { ok: true };
        }
      }
      const joined = entry.room.join({ id: auth.participantId, nickname: auth.nickname, isAdmitted: auth.isAdmitted });
      if (!joined.ok) return refuse(socket, joined.error);
      storeGroup(entry, auth.participantId, joined.assignedGroup);
      const sockets = entry.students.get(auth.participantId) ?? new Set();
      sockets.add(socket);
      entry.students.set(auth.participantId, sockets);
      delivery.join(socket, ROOM_NAME.students(auth.classId));
      delivery.join(socket, ROOM_NAME.participant(auth.classId, auth.participantId));
      bindings.set(socket.id, {
        socket,
        classId: auth.classId,
        role: ROLE.student,
        participantId: auth.participantId,
        isWaiting: false,
      });
      emit(socket, SERVER_EVENTS.sessionState, joined.state);
      if (entry.room.isWatched(auth.participantId)) emit(socket, SERVER_EVENTS.studentWatch, { isWatched: true });
      callHook(() => hooks.onPresence?.(auth.classId, auth.participantId, true));
      return { ok: true };
    },

    /**
     * One incoming event, exactly as socket.io's onAny delivers it: `args` are the payload and,
     * if the client asked for one, the ack callback last. Never throws.
     */
    receive(socket: RoomSocket, event: unknown, args: readonly unknown[]): void {
      const binding = bindings.get(socket.id);
      if (!binding) return;
      const entry = rooms.get(binding.classId);
      if (!entry) return;
      const reply: Reply = makeReply(socket, typeof event === "string" ? event.slice(0, 64) : "?", args);
      try {
        const verdict = classifyEvent(binding.role, event);
        if (verdict === "ignore") return;
        if (verdict === "forbid") {
          reply({ ok: false, error: { code: ERROR_CODE.forbidden, message: "Not allowed for this role" } });
          return;
        }
        if (binding.role === ROLE.student && binding.isWaiting) {
          reply({
            ok: false,
            error: { code: ERROR_CODE.awaitingApproval, message: "Wait until your teacher lets you into the class" },
          });
          return;
        }
        const payload = typeof args[0] === "function" ? undefined : args[0];
        if (binding.role === ROLE.teacher && event === TEACHER_EVENTS.lessonPace) {
          pace(entry, binding.teacherId, payload, reply);
          return;
        }
        if (binding.role === ROLE.teacher && event === TEACHER_EVENTS.snapshotControl) {
          snapshots.receive(entry, payload, reply);
          return;
        }
        if (binding.role === ROLE.student && event === STUDENT_EVENTS.networkAnswer) {
          weights.answer(entry, binding.participantId, payload, reply);
          return;
        }
        if (binding.role === ROLE.teacher && event === TEACHER_EVENTS.challengeSet) {
          challenges.set(entry.room.classId, binding.teacherId, payload, reply);
          return;
        }
        const response =
          binding.role === ROLE.student
            ? handleStudentEvent(
                { entry, participantId: binding.participantId, hooks },
                event as HubStudentEvent,
                payload,
              )
            : handleTeacherEvent(
                { entry, hooks, control: (command) => control(entry, command), flush: () => tickRoom(entry) },
                event as HubTeacherEvent,
                payload,
              );
        if (response instanceof Promise) void response.then(reply);
        else if (response) reply(response);
      } catch (error) {
        hooks.onError?.(error);
        reply({ ok: false, error: { code: ERROR_CODE.internal, message: "Internal error" } });
      }
    },

    /** A socket closed. The participant shows as disconnected once their last socket is gone. */
    disconnect(socket: RoomSocket): void {
      const binding = bindings.get(socket.id);
      if (!binding) return;
      bindings.delete(socket.id);
      delivery.forget(binding.socket);
      const entry = rooms.get(binding.classId);
      if (!entry) return;
      // The socket bound at connection, not the caller's object: adapters may wrap anew per call.
      if (binding.role === ROLE.teacher) {
        entry.teachers.delete(binding.socket);
        return;
      }
      if (binding.isWaiting) {
        // Still on the waiting list (a reload reconnects); only the socket goes.
        const waiting = entry.waiting.get(binding.participantId);
        waiting?.delete(binding.socket);
        if (waiting?.size === 0) entry.waiting.delete(binding.participantId);
        return;
      }
      const sockets = entry.students.get(binding.participantId);
      sockets?.delete(binding.socket);
      if (sockets && sockets.size > 0) return;
      entry.students.delete(binding.participantId);
      entry.room.disconnect(binding.participantId);
      callHook(() => hooks.onPresence?.(binding.classId, binding.participantId, false));
    },

    /** Every open room, e.g. for the persistence batcher to poll runs in progress. */
    listRooms(): ClassRoom[] {
      return [...rooms.values()].map((entry) => entry.room);
    },

    /** Open sockets bound to a class (teachers and students); 0 for a room that is not open. */
    socketCount(classId: string): number {
      const entry = rooms.get(classId);
      if (!entry) return 0;
      let count = entry.teachers.size;
      for (const sockets of [...entry.students.values(), ...entry.waiting.values()]) count += sockets.size;
      return count;
    },

    /** One tick for every room: each sends at most one frame to its teachers. */
    tick(): void {
      for (const entry of rooms.values()) tickRoom(entry);
    },

    /** Starts ticking every {@link TEACHER_TICK_MS}. */
    start(): void {
      if (timerHandle !== null || !options.timer) return;
      timerHandle = options.timer.setInterval(() => {
        for (const entry of rooms.values()) {
          try {
            tickRoom(entry);
          } catch (error) {
            // One broken room must not stop the others' frames.
            hooks.onError?.(error);
          }
        }
      }, TEACHER_TICK_MS);
    },

    /** Stops the tick timer. */
    stop(): void {
      if (timerHandle === null || !options.timer) return;
      options.timer.clearInterval(timerHandle);
      timerHandle = null;
    },

    /** The class's challenge board now (null: no room), e.g. for tests. */
    challengeBoard(classId: string) {
      return challenges.board(classId, (id) => rooms.get(classId)?.room.hasParticipant(id) ?? false);
    },

    /** Number of open rooms. */
    get roomCount(): number {
      return rooms.size;
    },
  };
}
