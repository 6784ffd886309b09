/**
 * The batched writer between the live class and PostgreSQL. Progress, run starts, finishes, map
 * snapshots, cell checks and presence are gathered in memory and written together: on the clock
 * once per {@link FLUSH_INTERVAL_MS}, and as soon as the write before is done when someone waits
 * for a durable row. Class controls are written in order behind what preceded them. One write is
 * in flight at a time (write-queue.ts): the rest waits, merged into the next batch.
 *
 * An ack means durable: the hooks of run starts, finishes, cell checks and controls return a
 * promise the hub answers with, `{ ok: true }` once the row committed, else STORAGE_UNAVAILABLE
 * after {@link ACK_DEADLINE_MS} (the write stays queued and retried with backoff: the sender's
 * copy and ours are both kept, and the writes are idempotent) or INVALID_PAYLOAD for a row
 * PostgreSQL refused (only that row: the rest of its batch lands).
 *
 * Memory while the database is down or slower than the class: durable rows are keyed (one per run
 * start, finish, and participant × cell), so the backlog grows with the class, not with time, and
 * it is bounded in bytes as well as rows. Overflow policy: at {@link MAX_BACKLOG_BYTES} or
 * {@link MAX_BACKLOG_ROWS}, new run starts, finishes and cell checks are refused before the room
 * takes them (`isStorageBusy`, answered STORAGE_UNAVAILABLE: the sender keeps its copy and sends
 * it again, the page and bots back off); nothing already accepted, and so nothing acked, is ever
 * dropped. Progress is not queued while the writer is behind (the rooms hold the latest and the
 * next batch polls it); map snapshots of that time are skipped.
 */
import { CLASS_CONTROL, type ClassControl, ERROR_CODE } from "../../lib/protocol";
import type { PrismaClient } from "../db/client";
import { saveGroupExperiment } from "../groups/save-group-experiment";
import { saveParticipantGroup } from "../groups/save-participant-group";
import { admitJoinRequests } from "../participants/admit-join-requests";
import { denyJoinRequests } from "../participants/deny-join-requests";
import { recordAttentionSeen } from "../participants/record-attention-seen";
import type { CellCheckRecord } from "../participants/record-cell-check";
import { removeParticipant } from "../participants/remove-participant";
import type { ActiveRun, ClassRoom, FinishedRun } from "../realtime/class-room";
import type { HubHooks } from "../realtime/hub-handlers";
import type { ControlWrite } from "../realtime/hub-types";
import type { ControlEffect } from "../realtime/room-control";
import { recordCutShortRuns } from "../runs/record-cut-short-runs";
import { recordRunEdits } from "../runs/record-run-edits";
import { endSession } from "../sessions/end-session";
import { type SavedClassState, saveClassState } from "../sessions/save-class-state";
import { cellCheckBytes, finishBytes, SMALL_ROW_BYTES } from "./backlog-bytes";
import { createPresenceTracker } from "./presence-tracker";
import {
  type Batch,
  DURABLE_KEY,
  emptyBatch,
  type MapSnapshotRow,
  type RunCreate,
  type RunProgress,
} from "./write-batch";
import { createWriteQueue, type WriteOutcome, type WriterStatus } from "./write-queue";

export type { WriteOutcome, WriterStatus };

/** One write batch a second per process: 300 students' progress costs one transaction, not 1,200. */
export const FLUSH_INTERVAL_MS = 1000;
/** A map snapshot per training student every 5 s: a smooth enough replay, 60 rows/s for 300 students. */
export const SNAPSHOT_INTERVAL_MS = 5000;
/**
 * A durable write not committed this long is answered STORAGE_UNAVAILABLE: under the clients'
 * 5 s ack timeout, so they hear "not stored" rather than nothing.
 */
export const ACK_DEADLINE_MS = 4000;
/** Durable rows kept while the database is away or behind. */
export const MAX_BACKLOG_ROWS = 20_000;
/**
 * …and their estimated bytes (backlog-bytes.ts): ~400 finished runs of 1,000 points, four
 * seconds of a 1,000-student class finishing at its fastest, under a tenth of `npm start`'s
 * 384 MB heap. The last session's lecture hall ran out of memory with 2,219 rows backed up.
 */
export const MAX_BACKLOG_BYTES = 32 * 1024 * 1024;

const UNAVAILABLE: WriteOutcome = {
  ok: false,
  error: {
    code: ERROR_CODE.storageUnavailable,
    message: "The class's database is not answering: your result is kept and will be sent again.",
  },
};
const CONTROL_UNAVAILABLE: WriteOutcome = {
  ok: false,
  error: {
    code: ERROR_CODE.storageUnavailable,
    message:
      "The class's database is not answering: this control takes effect once it is stored, when the database is back.",
  },
};

/** Options of {@link createPersistence}. */
export type PersistenceOptions = {
  db: PrismaClient;
  /** The open rooms, polled at each flush for runs in progress (late-bound: the hub needs the hooks first). */
  listRooms: () => readonly ClassRoom[];
  now?: () => number;
  log?: (message: string) => void;
  /** The backlog's bound in bytes; {@link MAX_BACKLOG_BYTES} unless a test wants a small one. */
  maxBacklogBytes?: number;
};

/** The writer's API. */
export type Persistence = ReturnType<typeof createPersistence>;

/**
 * Creates the writer; pass `hooks` to the hub, call `start()` to flush on the clock.
 * `attachRealtime` already makes one for its hub: call this only for a hub of your own.
 *
 * @example
 * const persistence = createPersistence({ db, listRooms: () => hub.listRooms() });
 * const hub = createClassRoomHub({ now: Date.now, createId: randomUUID, timer: globalThis, hooks: persistence.hooks });
 * persistence.start(); // … on shutdown: hub.stop(); await persistence.close();
 */
export function createPersistence(options: PersistenceOptions) {
  const { db, listRooms } = options;
  const maxBacklogBytes = options.maxBacklogBytes ?? MAX_BACKLOG_BYTES;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.error(`[persistence] ${message}`));
  const runCreates = new Map<string, RunCreate>();
  const finishes = new Map<string, FinishedRun>();
  const abortedRunIds = new Set<string>();
  const seenParticipantIds = new Set<string>();
  const cellChecks = new Map<string, CellCheckRecord>();
  /** Last step written per run in progress, so an idle run is not rewritten every second. */
  const writtenSteps = new Map<string, number>();
  const lastSnapshots = new Map<string, { at: number; step: number }>();
  const presence = createPresenceTracker({ now });
  let timer: ReturnType<typeof setInterval> | null = null;
  /** Estimated bytes of the durable rows in the maps above (backlog-bytes.ts). */
  let pendingBytes = 0;
  const queue = createWriteQueue({
    db,
    now,
    log,
    takeBatch,
    pendingRows: () => runCreates.size + finishes.size + cellChecks.size,
    pendingBytes: () => pendingBytes,
  });

  /** Takes what is pending; `withProgress` also polls the rooms for progress and snapshots. */
  function takeBatch(withProgress: boolean): Batch {
    const intervals = presence.take(now(), withProgress);
    const batch: Batch = {
      ...emptyBatch(),
      runCreates: [...runCreates.values()],
      finishes: [...finishes.values()],
      cellChecks: [...cellChecks.values()],
      abortedRunIds: [...abortedRunIds],
      seenParticipantIds: [...seenParticipantIds],
      presenceOpens: intervals.opens,
      presenceEnds: intervals.ends,
    };
    runCreates.clear();
    finishes.clear();
    cellChecks.clear();
    pendingBytes = 0;
    abortedRunIds.clear();
    seenParticipantIds.clear();
    for (const runId of batch.abortedRunIds) forgetRun(runId);
    if (withProgress) pollRooms(batch.progress, batch.snapshots);
    return batch;
  }

  function pollRooms(progress: RunProgress[], snapshots: MapSnapshotRow[]): void {
    const at = now();
    const active = new Set<string>();
    for (const room of listRooms()) {
      for (const run of room.activeRuns()) {
        active.add(run.runId);
        if (writtenSteps.get(run.runId) !== run.step) {
          writtenSteps.set(run.runId, run.step);
          progress.push({ runId: run.runId, step: run.step, loss: run.loss, accuracy: run.accuracy, flags: run.flags });
        }
        const snapshot = dueSnapshot(run, at);
        if (snapshot) snapshots.push(snapshot);
      }
    }
    // Runs that ended without a report (room closed, reset) must not leak bookkeeping.
    for (const runId of writtenSteps.keys()) if (!active.has(runId)) forgetRun(runId);
  }

  function dueSnapshot(run: ActiveRun, at: number): MapSnapshotRow | null {
    if (!run.map || run.loss === null) return null;
    const last = lastSnapshots.get(run.runId);
    // A paused run's map does not change: one snapshot of it is enough.
    if (last && (at - last.at < SNAPSHOT_INTERVAL_MS || last.step === run.step)) return null;
    lastSnapshots.set(run.runId, { at, step: run.step });
    return { runId: run.runId, step: run.step, loss: run.loss, map: run.map, at };
  }

  function forgetRun(runId: string): void {
    writtenSteps.delete(runId);
    lastSnapshots.delete(runId);
  }

  function isBacklogFull(): boolean {
    const status = queue.status();
    return status.backlogRows >= MAX_BACKLOG_ROWS || status.backlogBytes >= maxBacklogBytes;
  }

  /** The answer for a durable row now pending: its commit, or STORAGE_UNAVAILABLE past the deadline. */
  function answerWhenDurable(key: string): Promise<WriteOutcome> {
    return withDeadline(queue.ticket(key));
  }

  async function persistControl(
    classId: string,
    command: ClassControl,
    effect: ControlEffect,
    state: SavedClassState | undefined,
    at: Date,
  ): Promise<number> {
    const aborted = effect.abortedRunIds;
    // First the runs the control cut short, with the curves they had; the aborts below then skip them.
    let rows = effect.cutShortRuns.length > 0 ? await recordCutShortRuns(db, classId, effect.cutShortRuns, at) : 0;
    if (command.type === CLASS_CONTROL.end) {
      rows += await endSession(db, { classId, abortedRunIds: aborted, at });
    } else if (command.type === CLASS_CONTROL.remove) {
      rows += await removeParticipant(db, {
        classId,
        participantId: command.participantId,
        abortedRunIds: aborted,
        at,
      });
    } else if (command.type === CLASS_CONTROL.admit || command.type === CLASS_CONTROL.admitAllWaiting) {
      rows += await admitJoinRequests(db, { classId, requestIds: effect.admittedIds, at });
    } else if (command.type === CLASS_CONTROL.deny || command.type === CLASS_CONTROL.denyAllWaiting) {
      rows += await denyJoinRequests(db, { classId, requestIds: effect.deniedIds, at });
    } else if (command.type === CLASS_CONTROL.groups && state && effect.groups) {
      rows += await saveGroupExperiment(db, { classId, state, groups: effect.groups, abortedRunIds: aborted, at });
    } else if (command.type !== CLASS_CONTROL.spotlight && state) {
      rows += await saveClassState(db, { classId, state, abortedRunIds: aborted, at });
    }
    return rows;
  }

  const hooks = {
    isStorageBusy: isBacklogFull,
    onRunStarted(run): Promise<WriteOutcome> {
      if (run.replacedRunId) abortedRunIds.add(run.replacedRunId);
      if (isBacklogFull() && !runCreates.has(run.runId)) return Promise.resolve(UNAVAILABLE);
      // A repeat (a resent start) sets the same row again: written once (skipDuplicates), acked when it is.
      if (!runCreates.has(run.runId)) pendingBytes += SMALL_ROW_BYTES;
      runCreates.set(run.runId, {
        id: run.runId,
        participantId: run.participantId,
        classId: run.classId,
        config: run.config,
        startedAt: run.startedAt,
        lessonStep: run.lessonStep,
        startRequestId: run.startRequestId,
        group: run.group,
      });
      return answerWhenDurable(DURABLE_KEY.runStart(run.runId));
    },
    onRunFinished(record: FinishedRun): Promise<WriteOutcome> {
      forgetRun(record.runId);
      // A finish is kept even over the cap: the room has closed the run (new ones are refused
      // before the room takes them, isStorageBusy; this one was accepted).
      const previous = finishes.get(record.runId);
      pendingBytes += finishBytes(record) - (previous ? finishBytes(previous) : 0);
      finishes.set(record.runId, record);
      return answerWhenDurable(DURABLE_KEY.finish(record.runId));
    },
    onCellChecked({ participantId, check, result }): Promise<WriteOutcome> {
      const key = DURABLE_KEY.cell(participantId, result.cell);
      if (isBacklogFull() && !cellChecks.has(key)) return Promise.resolve(UNAVAILABLE);
      // Attempts are counted by the room, so the latest record wins; keep code shared earlier.
      const previous = cellChecks.get(key);
      const next = { participantId, result, code: check.code ?? previous?.code };
      pendingBytes += cellCheckBytes(next) - (previous ? cellCheckBytes(previous) : 0);
      cellChecks.set(key, next);
      return answerWhenDurable(key);
    },
    onControl(classId, command, effect): ControlWrite | undefined {
      // A spotlight is display only: nothing to store, nothing to wait for.
      if (command.type === CLASS_CONTROL.spotlight) return undefined;
      // Read the room's state now, synchronously: the write runs later and the room moves on.
      const room = listRooms().find((candidate) => candidate.classId === classId);
      const state = room?.classState();
      const isEnd = command.type === CLASS_CONTROL.end;
      // Presence ends with the control, not when the write runs: removal and the end close no socket first.
      if (isEnd) presence.classEnded(classId);
      if (command.type === CLASS_CONTROL.remove) presence.disconnected(command.participantId);
      for (const runId of effect.abortedRunIds) forgetRun(runId);
      const at = new Date(now());
      // Everything before the control lands first; at the end, every run's last progress too.
      const written = queue.control(command.type, takeBatch(isEnd), () =>
        persistControl(classId, command, effect, state, at),
      );
      // The hub delivers the control's effect on `committed`, and answers the teacher with `answer`.
      return { committed: written, answer: withDeadline(written, CONTROL_UNAVAILABLE) };
    },
    onRunEdited({ runId, edits }): Promise<WriteOutcome> {
      // A copy now: the room's log keeps growing while this write waits its turn.
      const log = [...edits];
      // After what is pending (the run's own row first), like a control: the ack means stored.
      return withDeadline(queue.control("runEdit", takeBatch(false), () => recordRunEdits(db, runId, log)));
    },
    onAttentionSeen(classId, records): ControlWrite {
      const copy = records.map((record) => ({ ...record }));
      // Behind what is pending, like a control; the hub applies a new mark once `committed` is ok.
      const written = queue.control("attentionSeen", takeBatch(false), () => recordAttentionSeen(db, classId, copy));
      return { committed: written, answer: withDeadline(written, CONTROL_UNAVAILABLE) };
    },
    onGroupAssigned(assignment): Promise<WriteOutcome> {
      // In order with controls and behind what is pending: the student's next run lands after it.
      return withDeadline(queue.control("groupAssign", takeBatch(false), () => saveParticipantGroup(db, assignment)));
    },
    onLessonMoved(classId, effect): Promise<WriteOutcome> | undefined {
      const stopped = effect.cutShortRuns;
      if (stopped.length === 0) return undefined;
      for (const run of stopped) forgetRun(run.runId);
      const at = new Date(now());
      // The runs' creates land first, then they are stored as stopped with the curves they had.
      return withDeadline(
        queue.control("lessonMove", takeBatch(false), () => recordCutShortRuns(db, classId, stopped, at)),
      );
    },
    onPresence(classId, participantId, isPresent) {
      seenParticipantIds.add(participantId);
      if (isPresent) presence.connected(classId, participantId);
      else presence.disconnected(participantId);
    },
  } satisfies Omit<HubHooks, "onError">;

  return {
    hooks,
    /** Flushes every {@link FLUSH_INTERVAL_MS}. */
    start(): void {
      if (timer) return;
      timer = setInterval(() => queue.tick(), FLUSH_INTERVAL_MS);
      timer.unref();
    },
    /** Writes everything pending now, progress included; resolves when it (and earlier writes) landed or the database is away. */
    flush(): Promise<void> {
      return queue.flush();
    },
    /** The writer's state for /api/health: database reachable, backlog, refused rows. */
    status(): WriterStatus {
      return queue.status();
    },
    /** Stops the clock and writes what is left (once: a database still away loses the backlog, logged). */
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await queue.flush();
      queue.stop();
      const left = queue.status().backlogRows;
      if (left > 0) log(`closing with ${left} rows unwritten: the database is unavailable`);
    },
  };
}

/** `written`'s outcome, or STORAGE_UNAVAILABLE if it takes longer than {@link ACK_DEADLINE_MS}. */
function withDeadline(written: Promise<WriteOutcome>, unavailable = UNAVAILABLE): Promise<WriteOutcome> {
  return new Promise<WriteOutcome>((resolve) => {
    const deadline = setTimeout(() => resolve(unavailable), ACK_DEADLINE_MS);
    deadline.unref?.();
    void written.then((outcome) => {
      clearTimeout(deadline);
      resolve(outcome);
    });
  });
}
