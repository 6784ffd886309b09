import { describe, expect, it } from "vitest";
import {
  applyFrame,
  applySnapshot,
  createDashboardState,
  type DashboardState,
  sortTiles,
  type Tile,
  tileName,
} from "@/app/teacher/sessions/[id]/_lib/dashboard-state";
import { thinCurve, toPoints } from "@/lib/curve";
import { LIVE_CURVE_RESOLUTION, MAP_BYTES, teacherFrameSchema, teacherSnapshotSchema } from "@/lib/protocol";
import { createTestRoom, mapFilled, progress, startRun } from "../../../server/realtime/fixtures";
import { classState, counts, emptySnapshot, frame, fullTile, NOW } from "./fixtures";

function readyState(): DashboardState {
  const state = createDashboardState(classState());
  applySnapshot(state, emptySnapshot(), NOW);
  return state;
}

function tileOf(state: DashboardState, id: string): Tile {
  const tile = state.tiles.get(id);
  if (!tile) throw new Error(`no tile ${id}`);
  return tile;
}

describe("dashboard state: snapshot and frames", () => {
  it("adds new participants from a frame and appends only points newer than the last step", () => {
    const state = readyState();
    expect(applyFrame(state, frame(1, [fullTile("p1", 1, "Ada")]), NOW)).toBe("applied");
    expect(
      applyFrame(
        state,
        frame(2, [
          {
            id: "p1",
            runId: "r1",
            status: "training",
            points: [
              [0, 0.7],
              [10, 0.69],
            ],
          },
        ]),
        NOW,
      ),
    ).toBe("applied");
    expect(
      applyFrame(
        state,
        frame(3, [
          {
            id: "p1",
            step: 30,
            loss: 0.5,
            points: [
              [10, 0.1],
              [5, 0.2],
              [20, 0.6],
              [30, 0.5],
            ],
          },
        ]),
        NOW,
      ),
    ).toBe("applied");
    const tile = tileOf(state, "p1");
    expect(tile.steps).toEqual([0, 10, 20, 30]);
    expect(tile.losses).toEqual([0.7, 0.69, 0.6, 0.5]);
    expect(tile).toMatchObject({ name: "Ada", number: 1, status: "training", step: 30, loss: 0.5, runId: "r1" });
  });

  it("a new runId clears the tile's curve, map and figures before applying the rest", () => {
    const state = readyState();
    applyFrame(
      state,
      frame(1, [
        {
          ...fullTile("p1", 1, "Ada"),
          runId: "r1",
          step: 40,
          loss: 0.3,
          accuracy: 0.9,
          points: [[40, 0.3]],
          map: mapFilled(200),
        },
      ]),
      NOW,
    );
    applyFrame(state, frame(2, [{ id: "p1", runId: "r2", step: 5, points: [[5, 0.69]] }]), NOW);
    const tile = tileOf(state, "p1");
    expect(tile).toMatchObject({
      runId: "r2",
      step: 5,
      loss: null,
      accuracy: null,
      map: null,
      steps: [5],
      losses: [0.69],
    });
    applyFrame(state, frame(3, [{ id: "p1", runId: null }]), NOW); // reset all: no run
    expect(tileOf(state, "p1")).toMatchObject({ runId: null, steps: [], step: 0 });
  });

  it("isRemoved drops the tile; counts and class state come from the frame", () => {
    const state = readyState();
    applyFrame(state, frame(1, [fullTile("p1", 1, "Ada"), fullTile("p2", 2, "Grace")]), NOW);
    applyFrame(
      state,
      frame(2, [{ id: "p1", isRemoved: true }], {
        counts: counts(1),
        class: classState({ isPaused: true, spotlightId: "p2" }),
      }),
      NOW,
    );
    expect([...state.tiles.keys()]).toEqual(["p2"]);
    expect(state.counts.total).toBe(1);
    expect(state.classState).toMatchObject({ isPaused: true, spotlightId: "p2" });
  });

  it("ignores stale frames and reports a gap without applying it", () => {
    const state = readyState();
    applyFrame(state, frame(1, [fullTile("p1", 1, "Ada")]), NOW);
    expect(applyFrame(state, frame(1, [{ id: "p1", name: "Changed" }]), NOW)).toBe("stale");
    expect(applyFrame(state, frame(3, [{ id: "p1", name: "Changed" }]), NOW)).toBe("gap");
    expect(tileOf(state, "p1").name).toBe("Ada");
    expect(state.tick).toBe(1);
  });

  it("reports a gap for any frame before the first snapshot", () => {
    const state = createDashboardState(classState());
    expect(applyFrame(state, frame(1, [fullTile("p1", 1, "Ada")]), NOW)).toBe("gap");
    expect(state.tiles.size).toBe(0);
  });

  it("replaces changed tiles with new objects and leaves the others and the old ones untouched", () => {
    const state = readyState();
    applyFrame(state, frame(1, [{ ...fullTile("p1", 1, "Ada"), runId: "r1" }, fullTile("p2", 2, "Grace")]), NOW);
    applyFrame(state, frame(2, [{ id: "p1", points: [[0, 0.7]] }]), NOW);
    const [p1, p2] = [tileOf(state, "p1"), tileOf(state, "p2")];
    applyFrame(state, frame(3, [{ id: "p1", step: 3, points: [[3, 0.6]] }]), NOW);
    expect(tileOf(state, "p2")).toBe(p2);
    expect(tileOf(state, "p1")).not.toBe(p1);
    // The published tile kept its figures and its curve: the new one has its own arrays.
    expect(p1).toMatchObject({ step: 0, steps: [0], losses: [0.7] });
    expect(tileOf(state, "p1")).toMatchObject({ step: 3, steps: [0, 3], losses: [0.7, 0.6] });
  });

  it("thins a tile's curve with the server's buckets, keeping its first steps, drop and latest point", () => {
    const state = readyState();
    applyFrame(state, frame(1, [{ ...fullTile("p1", 1, "Ada"), runId: "r1" }]), NOW);
    let tick = 1;
    const loss = (step: number) => 0.05 + 0.64 / (1 + Math.exp((step - 120) / 12));
    for (let step = 0; step <= 20_000; step += 100) {
      const points: [number, number][] = Array.from({ length: 100 }, (_, i) => [step + i, loss(step + i)]);
      applyFrame(state, frame(++tick, [{ id: "p1", points }]), NOW);
    }
    const tile = tileOf(state, "p1");
    expect(tile.steps.length).toBeLessThanOrEqual(1000);
    expect(tile.steps.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(tile.steps.at(-1)).toBe(20_099);
    expect(thinCurve(toPoints(tile), LIVE_CURVE_RESOLUTION)).toEqual(toPoints(tile));
    // The old halving kept one point in ~32 here: the drop around step 120 fell between two of them.
    expect(tile.steps.filter((step) => step > 100 && step < 140).length).toBeGreaterThan(20);
  });

  it("replaces the streamed curve with the one a frame carries whole (a finished run's)", () => {
    const state = readyState();
    applyFrame(state, frame(1, [{ ...fullTile("p1", 1, "Ada"), runId: "r1", points: [[0, 0.7]] }]), NOW);
    applyFrame(state, frame(2, [{ id: "p1", points: [[5, 0.6]] }]), NOW);
    applyFrame(
      state,
      frame(3, [
        {
          id: "p1",
          curve: [
            [0, 0.7],
            [3, 0.65],
            [10, 0.2],
          ],
        },
      ]),
      NOW,
    );
    expect(tileOf(state, "p1").steps).toEqual([0, 3, 10]);
    expect(tileOf(state, "p1").losses).toEqual([0.7, 0.65, 0.2]);
  });
});

describe("dashboard state: against the real class room", () => {
  it("snapshot + frames reproduce what a fresh snapshot says", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const state = createDashboardState(classState());
    applySnapshot(state, teacherSnapshotSchema.parse(room.snapshotForTeacher()), NOW);
    const run1 = startRun(room, "p1");
    room.join({ id: "p2", nickname: "Grace" });
    const nextFrame = () => {
      const taken = room.tick();
      if (!taken) return;
      // Through the wire schema, as the browser hook does.
      expect(applyFrame(state, teacherFrameSchema.parse(taken), NOW)).toBe("applied");
    };
    nextFrame();
    for (let i = 1; i <= 5; i++) {
      clock.advance(1000);
      room.applyProgress("p1", progress(run1, [[i * 10, 1 / i]], { map: mapFilled(i * 40) }));
      nextFrame();
    }
    room.control({ type: "pauseAll" });
    room.control({ type: "anonymize", isAnonymized: true });
    nextFrame();

    const fresh = teacherSnapshotSchema.parse(room.snapshotForTeacher());
    expect(state.tick).toBe(fresh.tick);
    expect(state.classState).toEqual(fresh.class);
    expect(state.counts).toEqual(fresh.counts);
    for (const expected of fresh.participants) {
      const tile = tileOf(state, expected.id);
      expect({ name: tile.name, status: tile.status, step: tile.step, loss: tile.loss, runId: tile.runId }).toEqual({
        name: expected.name,
        status: expected.status,
        step: expected.step,
        loss: expected.loss,
        runId: expected.runId,
      });
      expect(tile.steps).toEqual(expected.points.map(([step]) => step));
      expect(tile.map?.length ?? MAP_BYTES).toBe(MAP_BYTES);
    }
    expect(tileOf(state, "p1").map?.[0]).toBe(200);
    expect(tileOf(state, "p1").name).toBe("Student 1");
  });
});

describe("dashboard state: ordering and names", () => {
  const tiles = (): Tile[] => {
    const state = readyState();
    applyFrame(
      state,
      frame(1, [
        { ...fullTile("a", 1, "zoe"), loss: 0.4 },
        { ...fullTile("b", 2, "Ada"), loss: null },
        { ...fullTile("c", 3, "bob"), loss: 0.1 },
        { ...fullTile("d", 4, "Student 10"), loss: 0.4 },
      ]),
      NOW,
    );
    return [...state.tiles.values()].reverse();
  };

  it("sorts by join order, by loss (no loss last, ties by join order) and by name", () => {
    expect(sortTiles(tiles(), "joined", false).map((t) => t.id)).toEqual(["a", "b", "c", "d"]);
    expect(sortTiles(tiles(), "loss", false).map((t) => t.id)).toEqual(["c", "a", "d", "b"]);
    expect(sortTiles(tiles(), "name", false).map((t) => t.id)).toEqual(["b", "c", "d", "a"]);
  });

  it("anonymized: tiles read Student N and name order is join order", () => {
    const list = tiles();
    expect(list.map((t) => tileName(t, true))).toEqual(["Student 4", "Student 3", "Student 2", "Student 1"]);
    expect(list.map((t) => tileName(t, false))).toEqual(["Student 10", "bob", "Ada", "zoe"]);
    expect(sortTiles(list, "name", true).map((t) => t.id)).toEqual(["a", "b", "c", "d"]);
  });
});
