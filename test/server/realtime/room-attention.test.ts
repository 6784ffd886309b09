/**
 * The room's attention flags (room-attention.ts) on crafted students, through the room's own API
 * and the teacher's frames as a browser decodes them: each flag reaches the tile, the designed
 * plateau does not, flags are judged at most once a second, seen marks hide a flag until it
 * grows worse or clears, and a finished run carries its flags for storage.
 */
import { describe, expect, it } from "vitest";
import {
  CHANCE_FLAG_STEPS,
  IDLE_FLAG_MINUTES,
  OFFLINE_FLAG_SECONDS,
  PLATEAU_FLAG_STEPS,
  STUCK_CELL_ATTEMPTS,
} from "../../../lib/classroom/attention";
import { defaultSessionSettings, resolveRunConfig } from "../../../lib/classroom/settings";
import { initMlp, toChapterWeights } from "../../../lib/ml/nn";
import { XOR_PLATEAU } from "../../../lib/ml/nn/plateau";
import type { LossPoint, RunFinish, TileFlag, Weights } from "../../../lib/protocol";
import { type ClassRoom, createClassRoom } from "../../../server/realtime/class-room";
import { ATTENTION_REFRESH_MS, SEEN_MARKS_GRACE_MS } from "../../../server/realtime/room-attention";
import { createTestRoom, decodedSnapshot, progress, takeDecodedFrame } from "./fixtures";

const MINUTE = 60_000;

function flagsOf(room: ClassRoom, id = "p1"): TileFlag[] {
  return decodedSnapshot(room).participants.find((tile) => tile.id === id)?.flags ?? [];
}
const kindsOf = (room: ClassRoom, id = "p1") =>
  flagsOf(room, id).map((flag) => `${flag.kind}${flag.isSeen ? " (seen)" : ""}`);

/** A flat curve from step `from` to `to` (every 10 steps) at `loss`. */
function flat(from: number, to: number, loss = 0.69): LossPoint[] {
  const points: LossPoint[] = [];
  for (let step = from; step <= to; step += 10) points.push([step, loss]);
  return points;
}

function start(room: ClassRoom, choice: Record<string, number> = {}): string {
  const result = room.startRun("p1", { choice });
  if (!result.ok) throw new Error(result.error.code);
  return result.runId;
}

/** A ReLU net of `hidden` units whose first `dead` units output 0 on every point. */
function weightsWithDead(hidden: number, dead: number): Weights {
  const weights = toChapterWeights(initMlp({ hidden, activation: "relu", seed: 3 })) as Weights;
  for (let j = 0; j < dead; j++) {
    weights.w1[j] = [0, 0];
    weights.b1[j] = -1;
  }
  return weights;
}

function finishWith(runId: string, weights: Weights, step = 300): RunFinish {
  return {
    runId,
    outcome: "completed",
    step,
    loss: 0.5,
    accuracy: 0.7,
    curve: [
      [0, 0.7],
      [step, 0.5],
    ],
    map: null,
    weights,
  };
}

describe("room attention flags", () => {
  it("flags an idle student on the tile after the idle minutes, in the frame and the snapshot", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    takeDecodedFrame(room);
    clock.advance(IDLE_FLAG_MINUTES * MINUTE - 1000);
    expect(takeDecodedFrame(room)).toBeNull();
    clock.advance(1000);
    const frame = takeDecodedFrame(room);
    expect(frame?.participants).toMatchObject([{ id: "p1", flags: [{ kind: "idle", level: 1, isSeen: false }] }]);
    expect(frame?.participants[0]?.flags?.[0]?.reason).toMatch(/since joining/);
    expect(kindsOf(room)).toEqual(["idle"]);
    // A run started: no longer idle, and the tile says so.
    start(room);
    clock.advance(ATTENTION_REFRESH_MS);
    expect(takeDecodedFrame(room)?.participants[0]?.flags).toEqual([]);
  });

  it("judges at most once per refresh interval, not per progress event", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.tick();
    clock.advance(IDLE_FLAG_MINUTES * MINUTE);
    room.tick();
    expect(kindsOf(room)).toEqual(["idle"]);
    const runId = start(room);
    clock.advance(ATTENTION_REFRESH_MS - 1);
    room.applyProgress("p1", progress(runId, [[10, 0.6]]));
    room.tick();
    // Not judged again yet: the idle flag stays until the next refresh.
    expect(kindsOf(room)).toEqual(["idle"]);
    clock.advance(1);
    room.tick();
    expect(kindsOf(room)).toEqual([]);
  });

  it("flags a plateau outside a designed one, never inside the lesson's designed plateau", () => {
    const plain = createTestRoom();
    plain.room.join({ id: "p1", nickname: "Ada" });
    const runId = start(plain.room, { initScale: 1, steps: 2000 });
    plain.room.applyProgress("p1", progress(runId, flat(0, PLATEAU_FLAG_STEPS - 20), { accuracy: 0.7 }));
    plain.clock.advance(ATTENTION_REFRESH_MS);
    plain.room.tick();
    expect(kindsOf(plain.room)).toEqual([]);
    plain.room.applyProgress(
      "p1",
      progress(runId, flat(PLATEAU_FLAG_STEPS - 10, PLATEAU_FLAG_STEPS), { accuracy: 0.7 }),
    );
    plain.clock.advance(ATTENTION_REFRESH_MS);
    plain.room.tick();
    expect(kindsOf(plain.room)).toEqual(["plateau"]);

    // The lesson's plateau step (small init): flat at chance for its first 30 % is the lesson working.
    const designed = createTestRoom();
    designed.room.join({ id: "p1", nickname: "Ada" });
    const designedRun = start(designed.room, { initScale: XOR_PLATEAU.initScale, steps: XOR_PLATEAU.steps });
    designed.room.applyProgress("p1", progress(designedRun, flat(0, 600), { accuracy: 0.5 }));
    designed.clock.advance(ATTENTION_REFRESH_MS);
    designed.room.tick();
    expect(kindsOf(designed.room)).toEqual([]);
    // Still flat, still at chance, well beyond the designed plateau: now it is worth a look.
    designed.room.applyProgress("p1", progress(designedRun, flat(610, 600 + PLATEAU_FLAG_STEPS), { accuracy: 0.5 }));
    designed.clock.advance(ATTENTION_REFRESH_MS);
    designed.room.tick();
    expect(kindsOf(designed.room)).toEqual(["plateau", "chance"]);
  });

  it("flags a run at chance from the chance steps", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = start(room, { initScale: 1 });
    const falling: LossPoint[] = [];
    for (let step = 0; step <= CHANCE_FLAG_STEPS; step += 10) falling.push([step, 0.7 - step / 2000]);
    room.applyProgress("p1", progress(runId, falling.slice(0, -1), { accuracy: 0.5 }));
    clock.advance(ATTENTION_REFRESH_MS);
    room.tick();
    expect(kindsOf(room)).toEqual([]);
    clock.advance(300);
    room.applyProgress("p1", progress(runId, falling.slice(-1), { accuracy: 0.5 }));
    clock.advance(ATTENTION_REFRESH_MS);
    room.tick();
    expect(kindsOf(room)).toEqual(["chance"]);
  });

  it("flags dead units from the weights the server has, and stores them with the finished run", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = start(room, { hidden: 8 });
    const finished = room.finishRun("p1", finishWith(runId, weightsWithDead(8, 3)));
    if (!finished.ok) throw new Error(finished.error.code);
    expect(finished.record?.flags).toMatchObject([{ kind: "deadUnits", level: 3 }]);
    clock.advance(ATTENTION_REFRESH_MS);
    room.tick();
    expect(flagsOf(room)).toMatchObject([{ kind: "deadUnits", reason: "3 of 8 hidden units dead on every point" }]);

    const fewer = createTestRoom();
    fewer.room.join({ id: "p1", nickname: "Ada" });
    const other = fewer.room.startRun("p1", { choice: { hidden: 8 } });
    if (!other.ok) throw new Error(other.error.code);
    const healthy = fewer.room.finishRun("p1", finishWith(other.runId, weightsWithDead(8, 1)));
    expect(healthy.ok && healthy.record?.flags).toEqual([]);
  });

  it("flags a student stuck on a cell after the failed checks, and an offline one after the grace seconds", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    start(room);
    for (let i = 0; i < STUCK_CELL_ATTEMPTS - 1; i++) room.recordCell("p1", { cell: 2, isPassed: false, error: "no" });
    clock.advance(ATTENTION_REFRESH_MS);
    room.tick();
    expect(kindsOf(room)).toEqual([]);
    room.recordCell("p1", { cell: 2, isPassed: false, error: "no" });
    clock.advance(ATTENTION_REFRESH_MS);
    room.tick();
    expect(flagsOf(room)).toMatchObject([{ kind: "stuckCell", reason: "Cell 2: 5 failed checks in 0 min" }]);

    room.disconnect("p1");
    clock.advance(ATTENTION_REFRESH_MS);
    room.tick();
    clock.advance(OFFLINE_FLAG_SECONDS * 1000 - ATTENTION_REFRESH_MS);
    room.tick();
    expect(kindsOf(room)).toEqual(["stuckCell"]);
    clock.advance(ATTENTION_REFRESH_MS);
    room.tick();
    expect(kindsOf(room)).toEqual(["stuckCell", "offline"]);
  });

  it("hides a seen flag until it grows worse, and drops the mark (for storage too) once it clears", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.tick();
    clock.advance(Math.max(IDLE_FLAG_MINUTES * MINUTE, SEEN_MARKS_GRACE_MS));
    room.tick();
    expect(room.marksAfterSeen("p1", "plateau")).toBeNull();
    const marks = room.marksAfterSeen("p1", "idle");
    expect(marks).toEqual({ idle: 1 });
    // Nothing changes until the mark is applied (after it was stored).
    expect(kindsOf(room)).toEqual(["idle"]);
    room.applySeenMark("p1", "idle", 1);
    expect(takeDecodedFrame(room)?.participants[0]?.flags).toMatchObject([{ kind: "idle", isSeen: true }]);
    // Worse: twice the idle minutes is level 2, shown again.
    clock.advance(IDLE_FLAG_MINUTES * MINUTE);
    room.tick();
    expect(kindsOf(room)).toEqual(["idle"]);
    room.applySeenMark("p1", "idle", 2);
    expect(kindsOf(room)).toEqual(["idle (seen)"]);
    expect(room.takeClearedSeen()).toEqual([]);
    // Cleared (a run started): the mark goes, and the hub is told so storage forgets it.
    start(room);
    clock.advance(ATTENTION_REFRESH_MS);
    room.tick();
    expect(room.takeClearedSeen()).toEqual([{ participantId: "p1", marks: {} }]);
    expect(room.takeClearedSeen()).toEqual([]);
  });

  it("keeps restored seen marks through the restart grace, while the students reconnect", () => {
    let now = 5_000_000;
    const config = { ...resolveRunConfig(defaultSessionSettings(), { initScale: 1 }), steps: 2000 };
    const room = createClassRoom({
      classId: "c",
      ownerId: "t",
      title: "t",
      settings: defaultSessionSettings(),
      now: () => now,
      createId: () => "r",
      participants: [
        {
          id: "p1",
          nickname: "Ada",
          attentionSeen: { plateau: 1 },
          run: {
            ...{ id: "run_1", config, startedAt: now - 10 * MINUTE, isActive: true, outcomeStatus: null },
            ...{ targetReachedStep: null, step: 700, loss: 0.69, accuracy: 0.6, curve: flat(0, 700), map: null },
          },
        },
        { id: "p2", nickname: "Grace", attentionSeen: { idle: 1 } },
      ],
    });
    room.tick();
    // Restored disconnected: offline is not flagged yet, and the marks wait for the pages to reconnect.
    expect(kindsOf(room)).toEqual(["plateau (seen)"]);
    room.join({ id: "p1", nickname: "Ada" });
    now += SEEN_MARKS_GRACE_MS;
    room.tick();
    expect(kindsOf(room)).toEqual(["plateau (seen)"]);
    // Grace never came back and is not idle: past the grace her mark's condition is gone, so it is dropped.
    expect(room.takeClearedSeen()).toEqual([{ participantId: "p2", marks: {} }]);
  });
});
