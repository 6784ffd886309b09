/**
 * progress:resume in the room: a reconnecting student's whole curve replaces the room's, and the
 * next frame tells teachers to redraw the tile from it (run id again, then the curve and map).
 */
import { describe, expect, it } from "vitest";
import {
  type LossPoint,
  MAX_CURVE_POINTS,
  PROGRESS_MIN_INTERVAL_MS,
  type ProgressResume,
  RESUME_MIN_INTERVAL_MS,
  SNAPSHOT_CURVE_POINTS,
} from "../../../lib/protocol";
import { createTestRoom, mapFilled, progress, startRun, takeDecodedFrame } from "./fixtures";

function curveTo(lastStep: number, count: number): LossPoint[] {
  return Array.from({ length: count }, (_, i) => [Math.round((i * lastStep) / (count - 1)), 1 / (i + 1)]);
}

function resume(runId: string, curve: LossPoint[], overrides: Partial<ProgressResume> = {}): ProgressResume {
  return { runId, step: curve.at(-1)?.[0] ?? 0, accuracy: 0.7, curve, map: mapFilled(9), ...overrides };
}

describe("class room: progress:resume", () => {
  it("replaces the curve the room had with the student's, and the frame redraws the tile from it", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    room.applyProgress("p1", progress(runId, [[10, 0.5]]));
    room.tick();
    clock.advance(PROGRESS_MIN_INTERVAL_MS);
    // Offline from step 10 to 900: the room saw none of it.
    const curve = curveTo(900, MAX_CURVE_POINTS);
    expect(room.resumeRun("p1", resume(runId, curve))).toEqual({ ok: true });

    const delta = takeDecodedFrame(room)?.participants[0];
    // runId present: the teacher clears the tile, then appends the resumed curve.
    expect(delta?.runId).toBe(runId);
    expect(delta?.step).toBe(900);
    expect(delta?.accuracy).toBe(0.7);
    expect(delta?.map?.[0]).toBe(9);
    expect(delta?.points?.length).toBeLessThanOrEqual(SNAPSHOT_CURVE_POINTS);
    expect(delta?.points?.[0]).toEqual([0, 1]);
    expect(delta?.points?.at(-1)?.[0]).toBe(900);
    // The room keeps the whole resumed curve: the snapshot spans it from the first step to the last.
    const tile = room.snapshotForTeacher().participants[0];
    expect(tile?.points[0]?.[0]).toBe(0);
    expect(tile?.points.at(-1)?.[0]).toBe(900);
    // Later progress appends after the resumed curve.
    room.applyProgress("p1", progress(runId, [[901, 0.01]]));
    expect(room.tick()?.participants[0]?.points).toEqual([[901, 0.01]]);
  });

  it("keeps the redraw whole when progress arrives before the next tick", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    room.tick();
    room.resumeRun("p1", resume(runId, curveTo(1000, MAX_CURVE_POINTS)));
    const redraw = room.snapshotForTeacher().participants[0]?.points ?? [];
    expect(redraw.length).toBeLessThanOrEqual(SNAPSHOT_CURVE_POINTS);
    for (let i = 0; i < 3; i++) {
      clock.advance(PROGRESS_MIN_INTERVAL_MS);
      const points = Array.from({ length: 32 }, (_, k): LossPoint => [1001 + i * 32 + k, 0.01]);
      expect(room.applyProgress("p1", progress(runId, points))).toEqual({ ok: true });
    }
    // The next frame redraws the tile whole (its curve replaces the tile's): from step 0, through
    // the resumed steps, to the progress that arrived before the tick.
    const delta = room.tick()?.participants[0];
    const points = delta?.curve ?? delta?.points ?? [];
    expect(points[0]).toEqual([0, 1]);
    expect(points.filter(([step]) => step <= 1000).at(-1)?.[0]).toBe(redraw.at(-1)?.[0]);
    expect(points.at(-1)?.[0]).toBe(1001 + 95);
  });

  it("refuses another run's resume, a step beyond the run, and a second resume too soon", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    const curve = curveTo(50, 10);
    expect(room.resumeRun("p1", resume("run_other", curve))).toMatchObject({ ok: false, error: { code: "STALE_RUN" } });
    const steps = room.snapshotForStudent("p1")?.run?.config.steps ?? 0;
    expect(room.resumeRun("p1", resume(runId, curveTo(steps + 10, 10)))).toMatchObject({
      ok: false,
      error: { code: "INVALID_PAYLOAD" },
    });
    expect(room.resumeRun("p1", resume(runId, curve))).toEqual({ ok: true });
    expect(room.resumeRun("p1", resume(runId, curve))).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    clock.advance(RESUME_MIN_INTERVAL_MS);
    expect(room.resumeRun("p1", resume(runId, curve))).toEqual({ ok: true });
  });

  it("fills a restored run (a restarted server) whose stored curve was empty", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    room.tick();
    const curve = curveTo(400, 300);
    expect(room.resumeRun("p1", resume(runId, curve, { map: null, accuracy: null }))).toEqual({ ok: true });
    const delta = takeDecodedFrame(room)?.participants[0];
    expect(delta?.map).toBeUndefined();
    expect(delta?.points?.at(-1)).toEqual(curve.at(-1));
    expect(room.activeRuns()[0]?.runId).toBe(runId);
  });
});
