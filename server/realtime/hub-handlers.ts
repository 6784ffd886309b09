/**
 * One handler per event: validate the payload, apply it to the room, answer with the ack (or an
 * `error` event when the client asked for no ack). Invalid payloads are answered and dropped.
 */
import {
  type ClassControl,
  cellCheckSchema,
  classControlSchema,
  lessonStepRequestSchema,
  networkWeightsSchema,
  parseProgressUpdate,
  progressResumeSchema,
  runEditSchema,
  runFinishSchema,
  runStartSchema,
  SERVER_EVENTS,
  STUDENT_EVENTS,
  type StudentEventName,
  TEACHER_EVENTS,
  type TeacherEventName,
  type TeacherNetwork,
  teacherResyncSchema,
  validate,
} from "../../lib/protocol";
import { answerAfter, type HandlerResponse, refuseWhenBusy } from "./hub-answer";
import { markAttentionSeen } from "./hub-attention-seen";
import type { HookAnswer, HubHooks, RoomEntry } from "./hub-types";
import type { RoomSocket } from "./room-socket";
import type { RoomResult } from "./room-state";

export type { HubHooks };

/** Answers one event: through its ack if it has one, else failures as an `error` event. */
export type Reply = <T extends object>(response: RoomResult<T>) => void;

/** Builds the {@link Reply} for one incoming event. */
export function makeReply(socket: RoomSocket, event: string, args: readonly unknown[]): Reply {
  const last = args[args.length - 1];
  const ack = typeof last === "function" ? (last as (response: unknown) => void) : null;
  return <T extends object>(response: RoomResult<T>) => {
    if (ack) return ack(response);
    if (!response.ok && socket.isOpen) socket.emit(SERVER_EVENTS.error, { ...response.error, event });
  };
}

function callHook(hooks: HubHooks, call: () => HookAnswer): HookAnswer {
  try {
    return call();
  } catch (error) {
    // A failing hook (say, persistence) must not undo or fail what the room already accepted.
    hooks.onError?.(error);
    return undefined;
  }
}

/** Context of a student event. */
export type StudentContext = { entry: RoomEntry; participantId: string; hooks: HubHooks };

/** Passes the watched student's weights to every teacher socket of the class. */
export function forwardNetwork(entry: RoomEntry, network: TeacherNetwork | null): void {
  if (!network) return;
  for (const teacher of entry.teachers) if (teacher.isOpen) teacher.emit(SERVER_EVENTS.teacherNetwork, network);
}

/** Student events handled here; network:answer is the hub's (it settles a request the hub holds). */
export type HubStudentEvent = Exclude<StudentEventName, typeof STUDENT_EVENTS.networkAnswer>;

/** Handles one student event whose name was already checked; returns the answer. */
export function handleStudentEvent(context: StudentContext, event: HubStudentEvent, payload: unknown): HandlerResponse {
  const { entry, participantId, hooks } = context;
  const room = entry.room;
  switch (event) {
    case STUDENT_EVENTS.progressUpdate: {
      // The hot path: checked by hand, with the schema's verdict (lib/protocol/progress-fast.ts).
      const parsed = parseProgressUpdate(payload);
      if (!parsed.ok) return parsed;
      const result = room.applyProgress(participantId, parsed.data);
      // Progress is volatile and acked by nobody: only failures are worth a message.
      return result.ok ? null : result;
    }
    case STUDENT_EVENTS.progressResume: {
      const parsed = validate(progressResumeSchema, payload);
      if (!parsed.ok) return parsed;
      // In memory only, like progress: the run's curve is stored with its finish (or cut short).
      return room.resumeRun(participantId, parsed.data);
    }
    case STUDENT_EVENTS.runStart: {
      const parsed = validate(runStartSchema, payload);
      if (!parsed.ok) return parsed;
      // Storage behind: refused before the room starts anything (a resend is answered later).
      const busy = refuseWhenBusy(hooks);
      if (busy) return busy;
      const result = room.startRun(participantId, parsed.data);
      if (!result.ok) return result;
      const { ok: _ok, ...run } = result;
      const { runId, config, generation } = run;
      // A repeat is handed to storage again: its ack waits for the same (idempotent) row.
      const answer = callHook(hooks, () => hooks.onRunStarted?.({ classId: room.classId, participantId, ...run }));
      return answerAfter(hooks, answer, { ok: true, runId, config, generation });
    }
    case STUDENT_EVENTS.runFinish: {
      const parsed = validate(runFinishSchema, payload);
      if (!parsed.ok) return parsed;
      // A new finish waits while storage is behind (the run stays open: nothing is lost); a resend
      // of one already accepted goes through, to be answered when it is stored.
      const busy = room.hasFinished(participantId, parsed.data.runId) ? null : refuseWhenBusy(hooks);
      if (busy) return busy;
      const result = room.finishRun(participantId, parsed.data);
      if (!result.ok) return result;
      const { record } = result;
      // Stored already (a resend after a lost ack): nothing to write, nothing to forward.
      if (!record) return { ok: true };
      if (room.isWatched(participantId)) forwardNetwork(entry, room.watchedNetwork());
      const answer = callHook(hooks, () => hooks.onRunFinished?.(record));
      // Once durable, the room lets go of the record; a resend is then answered at once.
      answer?.then(
        (outcome) => outcome.ok && room.finishStored(participantId, record.runId),
        () => undefined,
      );
      return answerAfter(hooks, answer, { ok: true });
    }
    case STUDENT_EVENTS.cellCheck: {
      const parsed = validate(cellCheckSchema, payload);
      if (!parsed.ok) return parsed;
      const busy = refuseWhenBusy(hooks);
      if (busy) return busy;
      const result = room.recordCell(participantId, parsed.data);
      if (!result.ok) return result;
      const answer = callHook(hooks, () =>
        hooks.onCellChecked?.({ classId: room.classId, participantId, check: parsed.data, result: result.result }),
      );
      return answerAfter(hooks, answer, { ok: true, result: result.result });
    }
    case STUDENT_EVENTS.runEdit: {
      const parsed = validate(runEditSchema, payload);
      if (!parsed.ok) return parsed;
      const result = room.editRun(participantId, parsed.data);
      if (!result.ok) return result;
      // The ack waits for the log to be stored: a reload after it rebuilds the same run.
      const { runId, edits } = result;
      const answer = callHook(hooks, () => hooks.onRunEdited?.({ classId: room.classId, participantId, runId, edits }));
      return answerAfter(hooks, answer, { ok: true });
    }
    case STUDENT_EVENTS.networkWeights: {
      const parsed = validate(networkWeightsSchema, payload);
      if (!parsed.ok) return parsed;
      const result = room.applyNetwork(participantId, parsed.data);
      if (!result.ok) return result;
      forwardNetwork(entry, result.network);
      // Volatile, like progress: only failures are answered.
      return null;
    }
    case STUDENT_EVENTS.lessonStep: {
      const parsed = validate(lessonStepRequestSchema, payload);
      if (!parsed.ok) return parsed;
      const result = room.moveStudent(participantId, parsed.data.step);
      if (!result.ok) return result;
      if (result.effect.movedIds.length === 0) return { ok: true, state: result.state };
      // The ack waits for the stopped run to be stored.
      const answer = callHook(hooks, () => hooks.onLessonMoved?.(room.classId, result.effect));
      return answerAfter(hooks, answer, { ok: true, state: result.state });
    }
  }
}

/** Context of a teacher event. */
export type TeacherContext = {
  entry: RoomEntry;
  hooks: HubHooks;
  /** Applies a control; the answer waits for it to be stored. */
  control: (command: ClassControl) => RoomResult | Promise<RoomResult>;
  /** Sends the pending frame now, so a snapshot after it does not overlap the next one. */
  flush: () => void;
};

/** Teacher events handled here; lesson:pace, challenge:set and snapshot:control are the hub's (queued, async). */
export type HubTeacherEvent = Exclude<
  TeacherEventName,
  typeof TEACHER_EVENTS.lessonPace | typeof TEACHER_EVENTS.challengeSet | typeof TEACHER_EVENTS.snapshotControl
>;

/** Handles one teacher event whose name was already checked; returns the answer. */
export function handleTeacherEvent(context: TeacherContext, event: HubTeacherEvent, payload: unknown): HandlerResponse {
  switch (event) {
    case TEACHER_EVENTS.classControl: {
      const parsed = validate(classControlSchema, payload);
      if (!parsed.ok) return parsed;
      return context.control(parsed.data);
    }
    case TEACHER_EVENTS.attentionSeen:
      return markAttentionSeen(context.entry, context.hooks, payload);
    case TEACHER_EVENTS.teacherResync: {
      const parsed = validate(teacherResyncSchema, payload);
      if (!parsed.ok) return parsed;
      context.flush();
      return { ok: true, snapshot: context.entry.room.snapshotForTeacher() };
    }
  }
}
