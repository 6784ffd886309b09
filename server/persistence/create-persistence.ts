/**
 * The batched writer between the live class and PostgreSQL. Progress, run starts, map snapshots,
 * cell checks and presence are gathered in memory and written together once per
 * {@link FLUSH_INTERVAL_MS}; a finished run and every class control are written at once (after
 * the pending batch, so rows they refer to exist). All writes go through one queue, in order.
 */
import { CLASS_CONTROL, type ClassControl } from "../../lib/protocol";
import type { PrismaClient } from "../db/client";
import { type CellCheckRecord, recordCellCheck } from "../participants/record-cell-check";
import { removeParticipant } from "../participants/remove-participant";
import type { ActiveRun, ClassRoom, FinishedRun } from "../realtime/class-room";
import type { HubHooks } from "../realtime/hub-handlers";
import type { ControlEffect } from "../realtime/room-control";
import { recordCutShortRuns } from "../runs/record-cut-short-runs";
import { recordRunFinish } from "../runs/record-run-finish";
import { endSession } from "../sessions/end-session";
import { type SavedClassState, saveClassState } from "../sessions/save-class-state";
import { createPresenceTracker } from "./presence-tracker";
import {
  type Batch,
  isEmptyBatch,
  type MapSnapshotRow,
  type RunCreate,
  type RunProgress,
  writeBatch,
} from "./write-batch";
import { countWrite } from "./write-stats";

/** One write batch a second per process: 300 students' progress costs one transaction, not 1,200. */
export const FLUSH_INTERVAL_MS = 1000;
/** A map snapshot per training student every 5 s: a smooth enough replay, 60 rows/s for 300 students. */
export const SNAPSHOT_INTERVAL_MS = 5000;

/** Options of {@link createPersistence}. */
export type PersistenceOptions = {
  db: PrismaClient;
  /** The open rooms, polled at each flush for runs in progress (late-bound: the hub needs the hooks first). */
  listRooms: () => readonly ClassRoom[];
  now?: () => number;
  log?: (message: string) => void;
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
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.error(`[persistence] ${message}`));
  const runCreates = new Map<string, RunCreate>();
  const abortedRunIds = new Set<string>();
  const seenParticipantIds = new Set<string>();
  const cellChecks = new Map<string, CellCheckRecord>();
  /** Last step written per run in progress, so an idle run is not rewritten every second. */
  const writtenSteps = new Map<string, number>();
  const lastSnapshots = new Map<string, { at: number; step: number }>();
  const presence = createPresenceTracker({ now });
  let queue: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setInterval> | null = null;

  /** Runs `job` after every earlier write; a failure is logged, never thrown at the caller. */
  function enqueue(job: () => Promise<void>): Promise<void> {
    queue = queue
      .then(job)
      .catch((error: unknown) => log(`write failed: ${error instanceof Error ? error.message : String(error)}`));
    return queue;
  }

  /** Takes what is pending; `withProgress` also polls the rooms for progress and snapshots. */
  function takeBatch(withProgress: boolean): Batch {
    const intervals = presence.take(now(), withProgress);
    const batch: Batch = {
      runCreates: [...runCreates.values()],
      progress: [],
      snapshots: [],
      abortedRunIds: [...abortedRunIds],
      seenParticipantIds: [...seenParticipantIds],
      presenceOpens: intervals.opens,
      presenceEnds: intervals.ends,
    };
    runCreates.clear();
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
          progress.push({ runId: run.runId, step: run.step, loss: run.loss, accuracy: run.accuracy });
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

  /** Writes what is pending (and, on the clock, progress and snapshots). */
  async function flushPending(withProgress: boolean): Promise<void> {
    const batch = takeBatch(withProgress);
    const cells = [...cellChecks.values()];
    cellChecks.clear();
    if (!isEmptyBatch(batch)) {
      const { statements, rows } = await writeBatch(db, batch, new Date(now()));
      countWrite(statements, rows);
    }
    for (const cell of cells) {
      await recordCellCheck(db, cell);
      countWrite(1, 1);
    }
  }

  async function persistControl(
    classId: string,
    command: ClassControl,
    effect: ControlEffect,
    state: SavedClassState | undefined,
    at: Date,
  ): Promise<void> {
    const aborted = effect.abortedRunIds;
    for (const runId of aborted) forgetRun(runId);
    // First the runs the control cut short, with the curves they had; the aborts below then skip them.
    if (effect.cutShortRuns.length > 0) {
      countWrite(effect.cutShortRuns.length, await recordCutShortRuns(db, classId, effect.cutShortRuns, at));
    }
    if (command.type === CLASS_CONTROL.end) {
      countWrite(2, await endSession(db, { classId, abortedRunIds: aborted, at }));
    } else if (command.type === CLASS_CONTROL.remove) {
      countWrite(
        2,
        await removeParticipant(db, { classId, participantId: command.participantId, abortedRunIds: aborted, at }),
      );
    } else if (command.type !== CLASS_CONTROL.spotlight && state) {
      countWrite(2, await saveClassState(db, { classId, state, abortedRunIds: aborted, at }));
    }
  }

  const hooks: Omit<HubHooks, "onError"> = {
    onRunStarted(run) {
      runCreates.set(run.runId, {
        id: run.runId,
        participantId: run.participantId,
        classId: run.classId,
        config: run.config,
        startedAt: now(),
        lessonStep: run.lessonStep,
      });
      if (run.replacedRunId) abortedRunIds.add(run.replacedRunId);
    },
    onRunFinished(record: FinishedRun) {
      forgetRun(record.runId);
      void enqueue(async () => {
        await flushPending(false);
        await recordRunFinish(db, record);
        countWrite(1, 1);
      });
    },
    onCellChecked({ participantId, check, result }) {
      const key = `${participantId}:${result.cell}`;
      // Attempts are counted by the room, so the latest record wins; keep code shared earlier.
      cellChecks.set(key, { participantId, result, code: check.code ?? cellChecks.get(key)?.code });
    },
    onControl(classId, command, effect) {
      // Read the room's state now, synchronously: the write runs later and the room moves on.
      const room = listRooms().find((candidate) => candidate.classId === classId);
      const state = room?.classState();
      const isEnd = command.type === CLASS_CONTROL.end;
      // Presence ends with the control, not when the write runs: removal and the end close no socket first.
      if (isEnd) presence.classEnded(classId);
      if (command.type === CLASS_CONTROL.remove) presence.disconnected(command.participantId);
      const at = new Date(now());
      void enqueue(async () => {
        // Everything before the control lands first; at the end, every run's last progress too.
        await flushPending(isEnd);
        await persistControl(classId, command, effect, state, at);
      });
    },
    onLessonMoved(classId, effect) {
      const stopped = effect.cutShortRuns;
      if (stopped.length === 0) return;
      for (const run of stopped) forgetRun(run.runId);
      const at = new Date(now());
      void enqueue(async () => {
        // The runs' creates land first, then they are stored as stopped with the curves they had.
        await flushPending(false);
        countWrite(stopped.length, await recordCutShortRuns(db, classId, stopped, at));
      });
    },
    onPresence(classId, participantId, isPresent) {
      seenParticipantIds.add(participantId);
      if (isPresent) presence.connected(classId, participantId);
      else presence.disconnected(participantId);
    },
  };

  return {
    hooks,
    /** Flushes every {@link FLUSH_INTERVAL_MS}. */
    start(): void {
      if (timer) return;
      timer = setInterval(() => void enqueue(() => flushPending(true)), FLUSH_INTERVAL_MS);
      timer.unref();
    },
    /** Writes everything pending now, progress included; resolves when it (and earlier writes) landed. */
    flush(): Promise<void> {
      return enqueue(() => flushPending(true));
    },
    /** Stops the clock and writes what is left. */
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await enqueue(() => flushPending(true));
    },
  };
}
