import { describe, expect, it } from "vitest";
import { defaultSessionSettings } from "../../../lib/classroom/settings";
import {
  MAP_MIN_INTERVAL_MS,
  MAX_CURVE_POINTS,
  MAX_FRAME_POINTS_PER_PARTICIPANT,
  MAX_MAPS_PER_FRAME,
  PROGRESS_MIN_INTERVAL_MS,
  type TeacherFrame,
  type TeacherFrameWire,
  teacherFrameSchema,
} from "../../../lib/protocol";
import { STUDENT_EVENT_RATES } from "../../../server/security/limits";
import { createTestRoom, mapFilled, progress, startRun } from "./fixtures";

/** The frame as a teacher's browser reads it: through the wire schema, maps unpacked onto deltas. */
function frameOf(frame: TeacherFrameWire | null): TeacherFrame {
  if (!frame) throw new Error("expected a frame");
  return teacherFrameSchema.parse(frame);
}

describe("class room: joining", () => {
  it("numbers participants in join order and reports them as new tiles", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.join({ id: "p2", nickname: "Grace" });
    const frame = frameOf(room.tick());
    expect(frame.participants.map((p) => [p.id, p.number, p.name, p.status])).toEqual([
      ["p1", 1, "Ada", "joined"],
      ["p2", 2, "Grace", "joined"],
    ]);
    expect(frame.counts).toMatchObject({ total: 2, joined: 2, training: 0 });
  });

  it("refuses a clashing nickname with a suggestion, closed joining and removed participants", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const clash = room.join({ id: "p2", nickname: "ada" });
    expect(clash.ok ? null : clash.error.code).toBe("NICKNAME_TAKEN");
    expect(clash.ok ? "" : clash.error.message).toContain("ada 2");
    room.control({ type: "closeJoining" });
    const closed = room.join({ id: "p3", nickname: "Linus" });
    expect(closed.ok ? null : closed.error.code).toBe("JOIN_CLOSED");
    room.control({ type: "remove", participantId: "p1" });
    const back = room.join({ id: "p1", nickname: "Ada" });
    expect(back.ok ? null : back.error.code).toBe("REMOVED");
  });

  it("lets a known participant reconnect after joining closed, keeping their number", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.control({ type: "closeJoining" });
    room.disconnect("p1");
    const again = room.join({ id: "p1", nickname: "Ada" });
    expect(again.ok && again.isNew).toBe(false);
    expect(again.ok && again.state.participant.number).toBe(1);
  });

  it("a late joiner into a paused class starts paused, with the current settings and generation", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.control({ type: "changeSettings", settings: { ...defaultSessionSettings(), dataset: "spiral" } });
    room.control({ type: "pauseAll" });
    const late = room.join({ id: "p2", nickname: "Late" });
    if (!late.ok) throw new Error("late join refused");
    expect(late.state.isPaused).toBe(true);
    expect(late.state.settings.dataset).toBe("spiral");
    expect(late.state.generation).toBe(1);
    expect(late.state.run).toBeNull();
    const tile = room.snapshotForTeacher().participants.find((p) => p.id === "p2");
    expect(tile?.status).toBe("paused");
  });
});

describe("class room: ticks and dirty tracking", () => {
  it("returns null when nothing changed: idle students add nothing", () => {
    const { room } = createTestRoom();
    for (let i = 0; i < 50; i++) room.join({ id: `p${i}`, nickname: `S${i}` });
    frameOf(room.tick());
    expect(room.tick()).toBeNull();
    const runId = startRun(room, "p7");
    const frame = frameOf(room.tick());
    expect(frame.participants.map((p) => p.id)).toEqual(["p7"]);
    expect(frame.participants[0]).toMatchObject({ runId, status: "training" });
    room.applyProgress("p7", progress(runId, [[10, 0.5]]));
    const next = frameOf(room.tick());
    expect(next.participants).toHaveLength(1);
    expect(next.tick).toBe(frame.tick + 1);
    expect(room.tick()).toBeNull();
  });

  it("coalesces 10 progress messages within one tick into one entry with every new point", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    room.tick();
    for (let i = 1; i <= 10; i++) {
      clock.advance(PROGRESS_MIN_INTERVAL_MS);
      const ok = room.applyProgress(
        "p1",
        progress(
          runId,
          [
            [i * 10 - 5, 1 / i],
            [i * 10, 1 / i],
          ],
          { accuracy: i / 20 },
        ),
      );
      expect(ok.ok).toBe(true);
    }
    const frame = frameOf(room.tick());
    expect(frame.participants).toHaveLength(1);
    const delta = frame.participants[0];
    expect(delta?.points).toHaveLength(20);
    expect(delta?.points?.[19]).toEqual([100, 0.1]);
    expect(delta).toMatchObject({ step: 100, loss: 0.1, accuracy: 0.5 });
    expect(delta?.status).toBeUndefined();
  });

  it("drops repeated or older steps and bounds points kept between frames", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    room.tick();
    room.applyProgress(
      "p1",
      progress(runId, [
        [5, 0.5],
        [6, 0.4],
      ]),
    );
    clock.advance(PROGRESS_MIN_INTERVAL_MS);
    room.applyProgress(
      "p1",
      progress(runId, [
        [6, 0.4],
        [7, 0.3],
      ]),
    );
    expect(frameOf(room.tick()).participants[0]?.points).toEqual([
      [5, 0.5],
      [6, 0.4],
      [7, 0.3],
    ]);
    for (let i = 0; i < 40; i++) {
      clock.advance(PROGRESS_MIN_INTERVAL_MS);
      const points = Array.from({ length: 32 }, (_, j) => [100 + i * 32 + j, 0.2] as [number, number]);
      room.applyProgress("p1", progress(runId, points));
    }
    // Too many for one frame: it carries the kept curve whole instead, from step 5 to the newest.
    const delta = frameOf(room.tick()).participants[0];
    expect(delta?.points).toBeUndefined();
    const curve = delta?.curve ?? [];
    expect(curve.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(curve.length).toBeGreaterThan(MAX_FRAME_POINTS_PER_PARTICIPANT / 4);
    expect(curve[0]).toEqual([5, 0.5]);
    expect(curve[curve.length - 1]?.[0]).toBe(100 + 40 * 32 - 1);
    // Then points flow again as usual.
    clock.advance(PROGRESS_MIN_INTERVAL_MS);
    room.applyProgress("p1", progress(runId, [[1_500, 0.1]]));
    expect(frameOf(room.tick()).participants[0]).toMatchObject({ points: [[1_500, 0.1]] });
  });

  it("sends a finished run's curve whole: it replaces the streamed one on the tile", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    room.tick();
    room.applyProgress(
      "p1",
      progress(runId, [
        [0, 0.7],
        [1, 0.69],
      ]),
    );
    room.tick();
    clock.advance(PROGRESS_MIN_INTERVAL_MS);
    const curve: [number, number][] = [
      [0, 0.7],
      [1, 0.69],
      [2, 0.6],
      [2000, 0.05],
    ];
    const finished = room.finishRun("p1", {
      runId,
      outcome: "completed",
      step: 2000,
      loss: 0.05,
      accuracy: 1,
      curve,
      map: mapFilled(1),
      weights: { w1: [[1, 0]], b1: [0], w2: [[1]], b2: [0], activation: "relu" },
    } as never);
    expect(finished.ok).toBe(true);
    expect(frameOf(room.tick()).participants[0]?.curve).toEqual(curve);
    expect(room.snapshotForTeacher().participants[0]?.points).toEqual(curve);
  });

  it("sends a map only when it changed, and rate-limits maps and progress", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    room.tick();
    room.applyProgress("p1", progress(runId, [[1, 0.5]], { map: mapFilled(10) }));
    expect(frameOf(room.tick()).participants[0]?.map?.[0]).toBe(10);
    // The same bytes again, in time: the frame carries the new point but not the unchanged map.
    clock.advance(MAP_MIN_INTERVAL_MS);
    room.applyProgress("p1", progress(runId, [[2, 0.45]], { map: mapFilled(10) }));
    const unchanged = frameOf(room.tick()).participants[0];
    expect(unchanged?.points).toEqual([[2, 0.45]]);
    expect(unchanged?.map).toBeUndefined();
    clock.advance(PROGRESS_MIN_INTERVAL_MS);
    room.applyProgress("p1", progress(runId, [[3, 0.4]], { map: mapFilled(20) }));
    const tooSoon = frameOf(room.tick()).participants[0];
    expect(tooSoon?.map).toBeUndefined();
    expect(tooSoon?.points).toEqual([[3, 0.4]]);
    // A flood beyond the burst is refused; the update after the refill is kept.
    const flood = Array.from({ length: 20 }, (_, i) => room.applyProgress("p1", progress(runId, [[4 + i, 0.3]])).ok);
    expect(flood.filter(Boolean).length).toBeLessThan(20);
    expect(flood.at(-1)).toBe(false);
    clock.advance(MAP_MIN_INTERVAL_MS);
    room.applyProgress("p1", progress(runId, [[30, 0.3]], { map: mapFilled(30) }));
    expect(frameOf(room.tick()).participants[0]?.map?.[0]).toBe(30);
  });

  it("keeps an honest 4/s stream that a stalled server reads bunched; refuses a flood beyond it", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    let step = 0;
    const send = () => room.applyProgress("p1", progress(runId, [[++step, 0.5]])).ok;
    // Steady at the documented rate for 5 s: every update kept.
    for (let i = 0; i < 20; i++) {
      clock.advance(PROGRESS_MIN_INTERVAL_MS);
      expect(send()).toBe(true);
    }
    // The server stalls 3 s (GC, a busy machine): the 12 updates sent meanwhile arrive at once.
    clock.advance(3000);
    const bunched = Array.from({ length: 3000 / PROGRESS_MIN_INTERVAL_MS }, send);
    expect(bunched.every(Boolean)).toBe(true);
    // The stream goes on at 4/s: kept.
    for (let i = 0; i < 8; i++) {
      clock.advance(PROGRESS_MIN_INTERVAL_MS);
      expect(send()).toBe(true);
    }
    // A client sending faster than the sustained rate is refused once the burst is spent.
    const flood = Array.from({ length: 40 }, send);
    expect(flood.filter(Boolean).length).toBeLessThanOrEqual(STUDENT_EVENT_RATES.progress.burst);
    expect(flood.at(-1)).toBe(false);
    expect(frameOf(room.tick()).participants[0]?.step).toBeGreaterThanOrEqual(step - 40);
  });

  it("bounds the frame: at most MAX_MAPS_PER_FRAME maps, the rest follow next tick", () => {
    const { room } = createTestRoom();
    const count = 2 * MAX_MAPS_PER_FRAME + 50;
    const runs: string[] = [];
    for (let i = 0; i < count; i++) {
      room.join({ id: `p${i}`, nickname: `S${i}` });
      runs.push(startRun(room, `p${i}`));
    }
    room.tick();
    const points = Array.from({ length: 32 }, (_, j) => [j + 1, 0.5] as [number, number]);
    for (const [i, runId] of runs.entries())
      room.applyProgress(`p${i}`, progress(runId, points, { map: mapFilled(i % 256) }));
    const first = frameOf(room.tick());
    const mapsIn = (frame: TeacherFrame) => frame.participants.filter((p) => p.map).length;
    expect(first.participants).toHaveLength(count);
    expect(mapsIn(first)).toBe(MAX_MAPS_PER_FRAME);
    const bytes = JSON.stringify(first, (_key, value) => (value instanceof Uint8Array ? value.length : value)).length;
    const mapBytes = mapsIn(first) * 1024;
    // Per student: ~32 points of ≤ 30 bytes plus a few short fields.
    expect(bytes + mapBytes).toBeLessThan(mapBytes + count * (32 * 30 + 200));
    const second = frameOf(room.tick());
    expect(mapsIn(second)).toBe(MAX_MAPS_PER_FRAME);
    expect(second.participants.every((p) => p.points === undefined)).toBe(true);
    expect(mapsIn(frameOf(room.tick()))).toBe(count - 2 * MAX_MAPS_PER_FRAME);
    expect(room.tick()).toBeNull();
  });
});
