import { afterEach, describe, expect, it, vi } from "vitest";
import { type ClassStore, createClassStore, OVERLAY_INTERVAL_MS } from "@/app/teacher/sessions/[id]/_lib/class-store";
import type { ParticipantDelta, TeacherNetwork } from "@/lib/protocol";
import { classState, counts, emptySnapshot, frame, fullTile, NOW } from "./fixtures";

/** A store past its first snapshot, with `ids` joined in one frame at tick 1. */
function readyStore(ids: string[] = [], options: Parameters<typeof createClassStore>[2] = {}): ClassStore {
  const store = createClassStore(classState(), 0, { now: () => NOW, ...options });
  store.applySnapshot(emptySnapshot());
  if (ids.length > 0) {
    const joined = ids.map((id, i) => ({ ...fullTile(id, i + 1, `Student ${id}`), runId: `run-${id}` }));
    expect(store.applyFrame(frame(1, joined))).toBe("applied");
  }
  return store;
}

/** One progress delta: a step and a point. */
const step = (id: string, at: number): ParticipantDelta => ({ id, step: at, loss: 1 / at, points: [[at, 1 / at]] });

afterEach(() => vi.useRealTimers());

describe("class store: tiles", () => {
  it("calls the listeners of changed tiles only, and replaces only those tiles", () => {
    const ids = Array.from({ length: 30 }, (_, i) => `p${i}`);
    const store = readyStore(ids);
    const calls = new Map<string, number>();
    for (const id of ids) store.subscribeTile(id, () => calls.set(id, (calls.get(id) ?? 0) + 1));
    const before = new Map(ids.map((id) => [id, store.getTile(id)]));
    const changed = ids.slice(0, 10);

    store.applyFrame(
      frame(
        2,
        changed.map((id) => step(id, 5)),
        { counts: counts(30) },
      ),
    );

    expect([...calls.keys()].sort()).toEqual([...changed].sort());
    expect([...calls.values()].every((count) => count === 1)).toBe(true);
    for (const id of ids) {
      if (changed.includes(id)) expect(store.getTile(id)).not.toBe(before.get(id));
      else expect(store.getTile(id)).toBe(before.get(id));
    }
    expect(store.getTile("p0")).toMatchObject({ step: 5, steps: [5] });
    // The tile readers saw before is unchanged: a published tile is never mutated.
    expect(before.get("p0")).toMatchObject({ step: 0, steps: [] });
  });

  it("keeps every snapshot identical while nothing changed", () => {
    const store = readyStore(["a", "b"]);
    const first = {
      ids: store.getIds(),
      tile: store.getTile("a"),
      tiles: store.getTiles(),
      counts: store.getCounts(),
      classState: store.getClassState(),
      overlay: store.getOverlay(),
    };
    expect(store.getIds()).toBe(first.ids);
    expect(store.getTile("a")).toBe(first.tile);
    expect(store.getTiles()).toBe(first.tiles);
    expect(store.getCounts()).toBe(first.counts);
    expect(store.getClassState()).toBe(first.classState);
    expect(store.getOverlay()).toBe(first.overlay);
    // Stale and gapped frames change nothing either.
    expect(store.applyFrame(frame(1, [step("a", 3)]))).toBe("stale");
    expect(store.applyFrame(frame(5, [step("a", 3)]))).toBe("gap");
    expect(store.getTile("a")).toBe(first.tile);
    expect(store.getTiles()).toBe(first.tiles);
    expect(store.getTick()).toBe(1);
  });

  it("a frame that changes one tile keeps the ids, counts and class state of the last one", () => {
    const store = readyStore(["a", "b"]);
    const ids = store.getIds();
    const countsBefore = store.getCounts();
    const classBefore = store.getClassState();
    const tilesBefore = store.getTiles();
    const heard = { ids: 0, counts: 0, classState: 0, any: 0 };
    store.subscribeIds(() => heard.ids++);
    store.subscribeCounts(() => heard.counts++);
    store.subscribeClassState(() => heard.classState++);
    store.subscribe(() => heard.any++);

    // The same figures in a new object (every frame carries counts) keep the old object.
    store.applyFrame(frame(2, [step("a", 2)], { counts: { ...countsBefore } }));

    expect(store.getIds()).toBe(ids);
    expect(store.getCounts()).toBe(countsBefore);
    expect(store.getClassState()).toBe(classBefore);
    expect(store.getTiles()).not.toBe(tilesBefore);
    expect(store.getTiles().get("b")).toBe(tilesBefore.get("b"));
    expect(heard).toEqual({ ids: 0, counts: 0, classState: 0, any: 1 });
  });

  it("joins, removals and renumbering change the ids in join order", () => {
    const store = readyStore(["a", "b"]);
    const heard: string[][] = [];
    store.subscribeIds(() => heard.push([...store.getIds()]));
    store.applyFrame(frame(2, [fullTile("c", 3, "Cy")], { counts: counts(3) }));
    store.applyFrame(frame(3, [{ id: "a", isRemoved: true }], { counts: counts(2) }));
    store.applyFrame(frame(4, [{ id: "c", number: 1 }], { counts: counts(2) }));
    expect(heard).toEqual([
      ["a", "b", "c"],
      ["b", "c"],
      ["c", "b"],
    ]);
    expect(store.getTile("a")).toBeUndefined();
  });

  it("tells a removed tile's listeners, and forgets listeners that unsubscribed", () => {
    const store = readyStore(["a"]);
    let calls = 0;
    const unsubscribe = store.subscribeTile("a", () => calls++);
    store.applyFrame(frame(2, [step("a", 1)]));
    unsubscribe();
    store.applyFrame(frame(3, [step("a", 2)]));
    expect(calls).toBe(1);
    store.subscribeTile("a", () => calls++);
    store.applyFrame(frame(4, [{ id: "a", isRemoved: true }]));
    expect(calls).toBe(2);
  });

  it("a snapshot replaces every tile and tells every tile's listeners", () => {
    const store = readyStore(["a", "b"]);
    const heard: string[] = [];
    for (const id of ["a", "b"]) store.subscribeTile(id, () => heard.push(id));
    store.applySnapshot({
      ...emptySnapshot(),
      tick: 9,
      participants: [{ ...fullTile("a", 1, "Ada"), points: [[4, 0.5]] }] as never,
      counts: counts(1),
    });
    expect(heard.sort()).toEqual(["a", "b"]);
    expect(store.getIds()).toEqual(["a"]);
    expect(store.getTile("a")).toMatchObject({ name: "Ada", steps: [4] });
    expect(store.getCounts().total).toBe(1);
    expect(store.getTick()).toBe(9);
  });
});

describe("class store: off-screen tile readers", () => {
  /** A store whose off-screen readers are told by hand (`drain`), with a fixed clock. */
  function storeWithBackground(ids: string[]) {
    const tasks: (() => void)[] = [];
    const microtasks: (() => void)[] = [];
    const store = readyStore(ids, {
      background: {
        now: () => 0,
        intervalMs: 1000,
        schedule: (task) => tasks.push(task),
        afterRender: (job) => microtasks.push(job),
      },
    });
    const drain = () => {
      while (tasks.length > 0) {
        tasks.shift()?.();
        while (microtasks.length > 0) microtasks.shift()?.();
      }
    };
    return { store, drain };
  }

  it("hear of their tile's changes later, in the background, once for several frames", () => {
    const { store, drain } = storeWithBackground(["a", "b"]);
    const heard: string[] = [];
    store.subscribeTile("a", () => heard.push(`a now: ${store.getTile("a")?.step}`));
    store.subscribeTile("b", () => heard.push(`b later: ${store.getTile("b")?.step}`), "offScreen");
    store.applyFrame(frame(2, [step("a", 1), step("b", 1)]));
    store.applyFrame(frame(3, [step("a", 2), step("b", 2)]));
    expect(heard).toEqual(["a now: 1", "a now: 2"]);
    drain();
    // The off-screen reader heard once, and read the newest tile.
    expect(heard).toEqual(["a now: 1", "a now: 2", "b later: 2"]);
    drain();
    expect(heard).toHaveLength(3);
  });

  it("an off-screen reader that unsubscribed before the drain is not called", () => {
    const { store, drain } = storeWithBackground(["a"]);
    let calls = 0;
    const unsubscribe = store.subscribeTile("a", () => calls++, "offScreen");
    store.applyFrame(frame(2, [step("a", 1)]));
    unsubscribe();
    drain();
    expect(calls).toBe(0);
  });
});

describe("class store: flushing", () => {
  it("listeners hear of several frames once, when the scheduled flush runs", () => {
    const pending: (() => void)[] = [];
    const store = readyStore([], { scheduleFlush: (flush) => pending.push(flush) });
    pending.splice(0).forEach((flush) => {
      flush();
    });
    store.applyFrame(frame(1, [fullTile("a", 1, "Ada")], { counts: counts(1) }));
    let calls = 0;
    store.subscribeTile("a", () => calls++);
    store.applyFrame(frame(2, [step("a", 1)], { counts: counts(1) }));
    store.applyFrame(frame(3, [step("a", 2)], { counts: counts(1) }));
    // Readers already get the newest values; listeners wait for the flush.
    expect(store.getTile("a")?.step).toBe(2);
    expect(calls).toBe(0);
    expect(pending).toHaveLength(1);
    pending.splice(0).forEach((flush) => {
      flush();
    });
    expect(calls).toBe(1);
  });
});

describe("class store: counts, class state, overlay and network", () => {
  it("counts and class state change with the frames that carry new ones", () => {
    const store = readyStore(["a"]);
    let heard = 0;
    store.subscribeCounts(() => heard++);
    store.subscribeClassState(() => heard++);
    store.applyFrame(
      frame(2, [{ id: "a", status: "training" }], {
        counts: { ...counts(1), joined: 0, training: 1 },
        class: classState({ isPaused: true, spotlightId: "a" }),
      }),
    );
    expect(heard).toBe(2);
    expect(store.getCounts()).toMatchObject({ total: 1, training: 1, joined: 0 });
    expect(store.getClassState()).toMatchObject({ isPaused: true, spotlightId: "a" });
  });

  it("the overlay follows the curves, and its listeners hear at most every overlay interval", () => {
    vi.useFakeTimers();
    let clock = NOW;
    const store = readyStore(["a", "b"], { now: () => clock });
    const first = store.getOverlay();
    expect(first.ids).toEqual(["a", "b"]);
    expect(first.steps).toEqual([0]);
    let heard = 0;
    store.subscribeOverlay(() => heard++);

    let tick = 1;
    for (let at = 1; at <= 10; at++) store.applyFrame(frame(++tick, [step("a", at * 10), step("b", at * 10)]));
    vi.advanceTimersByTime(0);
    expect(heard).toBe(1);
    const second = store.getOverlay();
    expect(second).not.toBe(first);
    expect(second.steps.at(-1)).toBe(100);
    expect(second.median.at(-1)).toBeCloseTo(1 / 100);

    store.applyFrame(frame(++tick, [step("a", 200)]));
    clock += OVERLAY_INTERVAL_MS / 2;
    vi.advanceTimersByTime(OVERLAY_INTERVAL_MS / 2);
    // Not yet: the last rebuild was less than an interval ago, and the snapshot holds still.
    expect(heard).toBe(1);
    expect(store.getOverlay()).toBe(second);
    clock += OVERLAY_INTERVAL_MS / 2;
    vi.advanceTimersByTime(OVERLAY_INTERVAL_MS / 2);
    expect(heard).toBe(2);
    expect(store.getOverlay().steps.at(-1)).toBe(200);

    // Nothing changed since: no more rebuilds, the same overlay.
    const third = store.getOverlay();
    vi.advanceTimersByTime(OVERLAY_INTERVAL_MS * 4);
    expect(heard).toBe(2);
    expect(store.getOverlay()).toBe(third);
  });

  it("without overlay readers nothing is rebuilt on a clock, and a new reader gets the current curves", () => {
    vi.useFakeTimers();
    const store = readyStore(["a"]);
    store.getOverlay();
    store.applyFrame(frame(2, [step("a", 50)]));
    expect(vi.getTimerCount()).toBe(0);
    expect(store.getOverlay().steps.at(-1)).toBe(50);
  });

  it("keeps the spotlit student's network until a new one arrives", () => {
    const store = readyStore(["a"]);
    let heard = 0;
    store.subscribeNetwork(() => heard++);
    expect(store.getNetwork()).toBeNull();
    const network = { participantId: "a", runId: "run-a", weights: {} } as unknown as TeacherNetwork;
    store.setNetwork(network);
    store.setNetwork(network);
    expect(store.getNetwork()).toBe(network);
    expect(heard).toBe(1);
  });
});
