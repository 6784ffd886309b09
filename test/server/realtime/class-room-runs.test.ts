import { describe, expect, it } from "vitest";
import { defaultSessionSettings } from "../../../lib/classroom/settings";
import { PROGRESS_MIN_INTERVAL_MS, type RunFinish } from "../../../lib/protocol";
import { RUN_START_MIN_INTERVAL_MS } from "../../../server/realtime/class-room";
import { trainedFinish } from "../../helpers/trained-run";
import { createTestRoom, decodedSnapshot, mapFilled, progress, startRun } from "./fixtures";

function finish(runId: string, overrides: Partial<RunFinish> = {}): RunFinish {
  return {
    runId,
    outcome: "completed",
    step: 100,
    loss: 0.1,
    accuracy: 0.8,
    curve: [
      [0, 0.7],
      [100, 0.1],
    ],
    map: mapFilled(200),
    weights: { w1: [[1, 1]], b1: [0], w2: [[1]], b2: [0], activation: "relu" },
    ...overrides,
  };
}

describe("class room: runs", () => {
  it("resolves the config with locks and bumps nothing else", () => {
    const settings = { ...defaultSessionSettings(), unlocked: ["hidden" as const] };
    const { room } = createTestRoom({ settings });
    room.join({ id: "p1", nickname: "Ada" });
    const result = room.startRun("p1", { choice: { hidden: 3, lr: 5 } });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.config.hidden).toBe(3);
    expect(result.config.lr).toBe(settings.defaults.lr);
    expect(result.generation).toBe(0);
    expect(room.snapshotForStudent("p1")?.run?.runId).toBe(result.runId);
  });

  it("reached is the server's verified figure, its own flag and count, never a status or the student's word", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.join({ id: "p2", nickname: "Bob" });
    const doctored = startRun(room, "p1");
    const honest = room.startRun("p2", { choice: {} });
    if (!honest.ok) throw new Error(honest.error.code);
    room.tick();
    // A mid-run report of 96 % is the student's word: still training, not reached.
    room.applyProgress("p1", progress(doctored, [[50, 0.2]], { accuracy: 0.96 }));
    expect(room.tick()?.counts).toMatchObject({ total: 2, training: 2, reached: 0 });
    expect(room.snapshotForTeacher().participants[0]).toMatchObject({ status: "training", isReached: false });
    clock.advance(PROGRESS_MIN_INTERVAL_MS);
    // Claims 97 % with weights that score far lower: finished, not reached (steps to target stay its report).
    const done = room.finishRun("p1", finish(doctored, { accuracy: 0.97 }));
    if (!done.ok) throw new Error(done.error.code);
    expect(done.record).toMatchObject({ runId: doctored, status: "finished", targetReachedStep: 50 });
    expect(done.record?.finish.weights?.activation).toBe("relu");
    expect(room.snapshotForStudent("p1")?.run).toBeNull();
    // A real run whose weights the server scores at the target: reached.
    const real = room.finishRun("p2", trainedFinish(honest.runId, honest.config));
    if (!real.ok) throw new Error(real.error.code);
    expect(real.record?.status).toBe("reachedTarget");
    const snapshot = room.snapshotForTeacher();
    expect(snapshot.participants.map((tile) => [tile.status, tile.isReached])).toEqual([
      ["finished", false],
      ["finished", true],
    ]);
    expect(snapshot.counts).toMatchObject({ total: 2, finished: 2, reached: 1, training: 0 });
  });

  it("after pause-all every training student counts as paused, and the statuses add up to the class", () => {
    const { room, clock } = createTestRoom();
    const ids = ["p1", "p2", "p3", "p4"];
    for (const [i, id] of ids.entries()) room.join({ id, nickname: `Student ${i}` });
    const runs = ids.slice(0, 3).map((id) => startRun(room, id));
    for (const [i, runId] of runs.entries())
      room.applyProgress(ids[i] ?? "", progress(runId, [[10, 0.3]], { accuracy: 0.99 }));
    clock.advance(PROGRESS_MIN_INTERVAL_MS);
    expect(room.snapshotForTeacher().counts).toMatchObject({ total: 4, training: 3, joined: 1, paused: 0, reached: 0 });
    expect(room.control({ type: "pauseAll" }).ok).toBe(true);
    const counts = room.snapshotForTeacher().counts;
    expect(counts).toMatchObject({ total: 4, paused: 4, training: 0, reached: 0 });
    const { total, reached: _reached, ...byStatus } = counts;
    expect(Object.values(byStatus).reduce((sum, count) => sum + count, 0)).toBe(total);
  });

  it("answers a resent finish of the run just finished with the same record, not STALE_RUN", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    const first = room.finishRun("p1", finish(runId));
    clock.advance(5000);
    // The page resends when its ack was lost or said STORAGE_UNAVAILABLE; it must learn when it is stored.
    const resent = room.finishRun("p1", finish(runId, { accuracy: 0.1 }));
    if (!first.ok || !resent.ok) throw new Error("finish refused");
    expect(resent.record).toBe(first.record);
    clock.advance(1000);
    const next = startRun(room, "p1");
    expect(room.finishRun("p1", finish(runId)).ok).toBe(false);
    expect(next).not.toBe(runId);
  });

  it("a diverged finish shows as diverged; below target shows finished", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.join({ id: "p2", nickname: "Bob" });
    const run1 = startRun(room, "p1");
    const run2 = startRun(room, "p2");
    clock.advance(RUN_START_MIN_INTERVAL_MS);
    room.finishRun("p1", finish(run1, { outcome: "diverged", loss: null, accuracy: null, map: null, weights: null }));
    room.finishRun("p2", finish(run2));
    const counts = room.tick()?.counts;
    expect(counts).toMatchObject({ diverged: 1, finished: 1, training: 0 });
  });

  it("refuses progress and finish for a stale run, and rapid run starts", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const first = startRun(room, "p1");
    const rapid = room.startRun("p1", { choice: {} });
    expect(rapid.ok ? null : rapid.error.code).toBe("RATE_LIMITED");
    clock.advance(RUN_START_MIN_INTERVAL_MS);
    const second = room.startRun("p1", { choice: {} });
    expect(second.ok && second.replacedRunId).toBe(first);
    const stale = room.applyProgress("p1", progress(first, [[1, 0.5]]));
    expect(stale.ok ? null : stale.error.code).toBe("STALE_RUN");
    expect(room.finishRun("p1", finish(first)).ok).toBe(false);
    expect(room.applyProgress("nobody", progress(first, [[1, 0.5]])).ok).toBe(false);
    const secondId = second.ok ? second.runId : "";
    const beyond = room.applyProgress("p1", progress(secondId, [[defaultSessionSettings().defaults.steps + 1, 0.5]]));
    expect(beyond.ok ? null : beyond.error.code).toBe("INVALID_PAYLOAD");
  });

  it("answers a resent start (same request id) with its run, past the rate limit and a pause; a new id is a new run", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const first = room.startRun("p1", { choice: {}, requestId: "req-1" });
    expect(first.ok && first.isRepeat).toBe(false);
    const resent = room.startRun("p1", { choice: {}, requestId: "req-1" });
    expect(resent).toMatchObject({ ok: true, isRepeat: true, replacedRunId: null });
    expect(resent.ok && first.ok && resent.runId === first.runId).toBe(true);
    room.control({ type: "pauseAll" });
    expect(room.startRun("p1", { choice: {}, requestId: "req-1" }).ok).toBe(true);
    room.control({ type: "startAll" });
    const other = room.startRun("p1", { choice: {}, requestId: "req-2" });
    expect(other.ok ? null : other.error.code).toBe("RATE_LIMITED");
    clock.advance(RUN_START_MIN_INTERVAL_MS);
    const second = room.startRun("p1", { choice: {}, requestId: "req-2" });
    expect(second.ok && first.ok && second.replacedRunId === first.runId).toBe(true);
    // The old request no longer names the current run: it starts another one, as any new start would.
    clock.advance(RUN_START_MIN_INTERVAL_MS);
    const stale = room.startRun("p1", { choice: {}, requestId: "req-1" });
    expect(stale.ok && stale.isRepeat).toBe(false);
  });

  it("counts a resent cell check (same check id) once, past the rate limit", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const check = { cell: 1, isPassed: false, error: "shape", checkId: "check-1" };
    expect(room.recordCell("p1", check)).toMatchObject({ ok: true, result: { attempts: 1 } });
    for (let resend = 0; resend < 20; resend++)
      expect(room.recordCell("p1", check)).toMatchObject({ ok: true, result: { attempts: 1 } });
    expect(room.recordCell("p1", { ...check, checkId: "check-2" })).toMatchObject({
      ok: true,
      result: { attempts: 2 },
    });
  });

  it("refuses a run while paused, after the end, and without the forward-pass cell when required", () => {
    const { room } = createTestRoom({ settings: { ...defaultSessionSettings(), requireForwardPassCell: true } });
    room.join({ id: "p1", nickname: "Ada" });
    const gated = room.startRun("p1", { choice: {} });
    expect(gated.ok ? null : gated.error.code).toBe("FORWARD_PASS_REQUIRED");
    room.recordCell("p1", { cell: 2, isPassed: false, error: "shape mismatch" });
    const passed = room.recordCell("p1", { cell: 2, isPassed: true });
    expect(passed.ok && passed.result).toEqual({ cell: 2, isPassed: true, attempts: 2, lastError: null });
    room.control({ type: "pauseAll" });
    const paused = room.startRun("p1", { choice: {} });
    expect(paused.ok ? null : paused.error.code).toBe("CLASS_PAUSED");
    room.control({ type: "startAll" });
    expect(room.startRun("p1", { choice: {} }).ok).toBe(true);
    room.control({ type: "end" });
    const ended = room.startRun("p1", { choice: {} });
    expect(ended.ok ? null : ended.error.code).toBe("CLASS_ENDED");
  });

  it("lists runs in progress with their latest map for periodic snapshots", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.join({ id: "p2", nickname: "Bob" });
    const runId = startRun(room, "p1");
    room.applyProgress("p1", progress(runId, [[12, 0.4]], { map: mapFilled(77), accuracy: 0.7 }));
    const runs = room.activeRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ participantId: "p1", runId, step: 12, loss: 0.4, accuracy: 0.7 });
    expect(runs[0]?.map?.[0]).toBe(77);
  });

  it("reports cell results in the next frame as badges", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.tick();
    room.recordCell("p1", { cell: 1, isPassed: false, error: "ReferenceError" });
    expect(room.tick()?.participants[0]?.cells).toEqual([
      { cell: 1, isPassed: false, attempts: 1, lastError: "ReferenceError" },
    ]);
  });
});

describe("class room: controls", () => {
  it("pause all marks every tile paused and start all lifts it", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.join({ id: "p2", nickname: "Bob" });
    startRun(room, "p1");
    room.tick();
    const paused = room.control({ type: "pauseAll" });
    expect(paused.ok && paused.effect.notice).toBe("pause");
    const frame = room.tick();
    expect(frame?.class?.isPaused).toBe(true);
    expect(frame?.counts).toMatchObject({ paused: 2, training: 0 });
    room.control({ type: "startAll" });
    expect(room.tick()?.counts).toMatchObject({ paused: 0, training: 1, joined: 1 });
  });

  it("reset all clears every tile, bumps the generation and aborts runs in progress", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    room.applyProgress("p1", progress(runId, [[1, 0.5]], { map: mapFilled(9) }));
    room.tick();
    const reset = room.control({ type: "resetAll" });
    expect(reset.ok && reset.effect).toMatchObject({ notice: "reset", abortedRunIds: [runId] });
    const frame = room.tick();
    expect(frame?.class?.generation).toBe(1);
    expect(frame?.participants[0]).toMatchObject({ runId: null, step: 0, loss: null, status: "joined" });
    const tile = decodedSnapshot(room).participants[0];
    expect(tile?.points).toEqual([]);
    expect(tile?.map).toBeNull();
  });

  it("anonymize renames every tile to Student N by join order, and back", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.join({ id: "p2", nickname: "Bob" });
    room.tick();
    room.control({ type: "anonymize", isAnonymized: true });
    const frame = room.tick();
    expect(frame?.participants.map((p) => p.name)).toEqual(["Student 1", "Student 2"]);
    expect(frame?.class?.isAnonymized).toBe(true);
    room.join({ id: "p3", nickname: "Cy" });
    expect(room.snapshotForTeacher().participants.map((p) => p.name)).toEqual(["Student 1", "Student 2", "Student 3"]);
    room.control({ type: "anonymize", isAnonymized: false });
    room.tick();
    expect(room.snapshotForTeacher().participants.map((p) => p.name)).toEqual(["Ada", "Bob", "Cy"]);
  });

  it("remove drops the tile in the next frame and clears a spotlight on it", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.join({ id: "p2", nickname: "Bob" });
    room.control({ type: "spotlight", participantId: "p2" });
    room.tick();
    const removed = room.control({ type: "remove", participantId: "p2" });
    expect(removed.ok && removed.effect.removedParticipantId).toBe("p2");
    const frame = room.tick();
    expect(frame?.participants).toEqual([{ id: "p2", isRemoved: true }]);
    expect(frame?.class?.spotlightId).toBeNull();
    expect(frame?.counts.total).toBe(1);
    expect(room.control({ type: "remove", participantId: "p2" }).ok).toBe(false);
    expect(room.control({ type: "spotlight", participantId: "ghost" }).ok).toBe(false);
  });

  it("end stops runs and refuses further controls except display ones", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    const ended = room.control({ type: "end" });
    expect(ended.ok && ended.effect).toMatchObject({ notice: "ended", abortedRunIds: [runId] });
    expect(room.control({ type: "startAll" }).ok).toBe(false);
    expect(room.control({ type: "anonymize", isAnonymized: true }).ok).toBe(true);
    expect(room.join({ id: "p9", nickname: "New" }).ok).toBe(false);
    expect(room.snapshotForTeacher().class).toMatchObject({ isEnded: true, isJoinOpen: false });
  });

  it("disconnect shows the tile as disconnected without losing it", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.tick();
    room.disconnect("p1");
    expect(room.tick()?.participants).toEqual([{ id: "p1", status: "disconnected" }]);
    room.disconnect("p1");
    expect(room.tick()).toBeNull();
  });
});
