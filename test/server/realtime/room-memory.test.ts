/**
 * What a lecture hall's room keeps per student once their runs are finished and stored (issue 13:
 * 1,000 students filled `npm start`'s 384 MB heap). Each student's last finish used to stay whole
 * in the room (the parsed 1,000-point curve, ~64 kB), and the attention judge kept its own copy of
 * every live curve as points (another ~64 kB, rebuilt each second). Now the room keeps the curve
 * once, in its packed arrays: 200 finished students cost a few MB, not ~25.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import type { LossPoint } from "@/lib/protocol";
import { ATTENTION_REFRESH_MS } from "@/server/realtime/room-attention";
import { createTestRoom, mapFilled, progress, startRun } from "./fixtures";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const STUDENTS = 200;
const CURVE_POINTS = 1000;
/** The curve's packed arrays (~16 kB), map, weights, marks and the rest: well under 64 kB. */
const ALLOWED_BYTES_PER_STUDENT = 30 * 1024;

function heapUsedAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe("a room of finished students", () => {
  it("keeps each finished, stored run's curve once", () => {
    const { room, clock } = createTestRoom();
    const runs: string[] = [];
    for (let i = 0; i < STUDENTS; i++) {
      room.join({ id: `p${i}`, nickname: `Student ${i}` });
      runs.push(startRun(room, `p${i}`));
    }
    room.tick();
    const before = heapUsedAfterGc();
    clock.advance(1000);
    // Every curve differs, as real students' do (no shared number objects).
    const curveOf = (i: number) =>
      Array.from({ length: CURVE_POINTS }, (_, k): LossPoint => [k * 2, 0.7 / (1 + k) + i * 1e-7]);
    for (let i = 0; i < STUDENTS; i++) {
      const runId = runs[i] as string;
      expect(room.applyProgress(`p${i}`, progress(runId, curveOf(i).slice(0, 500))).ok).toBe(true);
    }
    // The attention judge reads every live curve once a second.
    clock.advance(ATTENTION_REFRESH_MS);
    room.tick();
    for (let i = 0; i < STUDENTS; i++) {
      const runId = runs[i] as string;
      const finished = room.finishRun(`p${i}`, {
        runId,
        outcome: "completed",
        step: 1998,
        loss: 0.01,
        accuracy: 1,
        curve: curveOf(i),
        map: mapFilled(i % 255),
        weights: { w1: [[1, 0]], b1: [0], w2: [[1]], b2: [0], activation: "relu" },
      } as never);
      expect(finished.ok).toBe(true);
      // Storage committed it (the hub calls this when the writer's ticket settles ok).
      room.finishStored(`p${i}`, runId);
    }
    clock.advance(ATTENTION_REFRESH_MS);
    room.tick();
    const perStudent = (heapUsedAfterGc() - before) / STUDENTS;
    expect(perStudent).toBeLessThan(ALLOWED_BYTES_PER_STUDENT);
    // …and a resend of a stored finish is known without the record.
    expect(room.hasFinished("p0", runs[0] as string)).toBe(true);
  });
});
