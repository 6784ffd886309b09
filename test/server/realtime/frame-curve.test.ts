/**
 * A finished run's curve in the teacher's frame (issue 13: whole 1,000-point curves were ~70 % of
 * a lecture hall's frames): thinned to FRAME_CURVE_POINTS with the first steps exact and the last
 * point kept, while the stored run keeps the whole curve. The
 * frame's wire form lists its packed maps first, where socket.io's binary check stops.
 */
import { describe, expect, it } from "vitest";
import { FIRST_EXACT_STEPS, type LossPoint } from "@/lib/curve";
import { MAX_CURVE_POINTS, teacherFrameSchema } from "@/lib/protocol";
import { FRAME_CURVE_POINTS } from "@/server/realtime/room-frame";
import { createTestRoom, mapFilled, startRun } from "./fixtures";

describe("a finished run's curve in the frame", () => {
  it("is thinned for the tile; storage gets it whole", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const runId = startRun(room, "p1");
    room.tick();
    clock.advance(1000);
    const curve = Array.from({ length: MAX_CURVE_POINTS }, (_, i): LossPoint => [i * 2, 0.7 / (1 + i)]);
    const finished = room.finishRun("p1", {
      runId,
      outcome: "completed",
      step: 1998,
      loss: 0.01,
      accuracy: 1,
      curve,
      map: mapFilled(1),
      weights: { w1: [[1, 0]], b1: [0], w2: [[1]], b2: [0], activation: "relu" },
    } as never);
    expect(finished.ok).toBe(true);

    const wire = room.tick();
    expect(wire && Object.keys(wire)[0]).toBe("maps");
    const frame = teacherFrameSchema.parse(wire);
    const sent = frame.participants[0]?.curve ?? [];
    expect(sent.length).toBeLessThanOrEqual(FRAME_CURVE_POINTS);
    expect(sent.length).toBeGreaterThan(FRAME_CURVE_POINTS / 2);
    expect(sent.slice(0, FIRST_EXACT_STEPS / 2)).toEqual(curve.slice(0, FIRST_EXACT_STEPS / 2));
    expect(sent.at(-1)).toEqual(curve.at(-1));
    // Storage gets the whole curve.
    expect(finished.ok && finished.record?.finish.curve).toEqual(curve);
  });
});
