import { describe, expect, it } from "vitest";
import { createBackgroundNotifier } from "@/app/teacher/sessions/[id]/_lib/background-notifier";

/** A hand-driven clock, task queue and microtask queue. */
function fakeRuntime() {
  let clock = 0;
  const tasks: { at: number; task: () => void }[] = [];
  const microtasks: (() => void)[] = [];
  return {
    now: () => clock,
    schedule: (task: () => void, ms: number) => tasks.push({ at: clock + ms, task }),
    afterRender: (job: () => void) => microtasks.push(job),
    /** Tasks waiting. */
    get scheduled() {
      return tasks.length;
    },
    /** Runs every task due by `ms` from now, each followed by its microtasks. */
    advance(ms: number, onTask: () => void = () => {}) {
      const until = clock + ms;
      for (;;) {
        tasks.sort((a, b) => a.at - b.at);
        const next = tasks[0];
        if (!next || next.at > until) break;
        tasks.shift();
        clock = Math.max(clock, next.at);
        next.task();
        onTask();
        while (microtasks.length > 0) microtasks.shift()?.();
      }
      clock = until;
    },
    /** Time a listener (and its render) took. */
    spend(ms: number) {
      clock += ms;
    },
  };
}

describe("background notifier", () => {
  it("tells each marked key once, no sooner than an interval after the last drain began", () => {
    const runtime = fakeRuntime();
    const told: string[] = [];
    const notifier = createBackgroundNotifier({ ...runtime, intervalMs: 1000, notify: (key) => told.push(key) });
    notifier.mark("a");
    notifier.mark("b");
    notifier.mark("a");
    runtime.advance(0);
    // The first drain may start at once: nothing was drained before.
    expect(told.sort()).toEqual(["a", "b"]);
    told.length = 0;
    notifier.mark("a");
    runtime.advance(999);
    expect(told).toEqual([]);
    runtime.advance(1);
    expect(told).toEqual(["a"]);
    expect(notifier.pending).toBe(0);
    runtime.advance(5000);
    expect(runtime.scheduled).toBe(0);
  });

  it("drains in chunks that fit the budget, one task each, measured with the render", () => {
    const runtime = fakeRuntime();
    const chunks: number[] = [];
    let inTask = 0;
    const notifier = createBackgroundNotifier({
      ...runtime,
      budgetMs: 6,
      notify: () => {
        inTask += 1;
        // Each key's listener plus its render costs 1 ms.
        runtime.spend(1);
      },
    });
    for (let i = 0; i < 40; i++) notifier.mark(`p${i}`);
    runtime.advance(100, () => {
      chunks.push(inTask);
      inTask = 0;
    });
    // The first chunk (8 keys) measured 1 ms a key: from then on 6 keys fit the 6 ms budget.
    expect(chunks[0]).toBe(8);
    expect(chunks.slice(1, -1).every((size) => size === 6)).toBe(true);
    expect(chunks.reduce((sum, size) => sum + size, 0)).toBe(40);
  });

  it("a key marked during a drain waits for the next one unless it is still to be told in this one", () => {
    const runtime = fakeRuntime();
    const told: string[] = [];
    const notifier = createBackgroundNotifier({ ...runtime, intervalMs: 1000, notify: (key) => told.push(key) });
    const keys = "abcdefghij".split("");
    for (const key of keys) notifier.mark(key);
    let isMarked = false;
    runtime.advance(0, () => {
      if (isMarked) return;
      isMarked = true;
      // After the first chunk (8 keys): a (told) changes again, j (not yet told) too.
      notifier.mark("a");
      notifier.mark("j");
    });
    expect(told).toEqual(keys);
    runtime.advance(999);
    expect(told).toEqual(keys);
    runtime.advance(1);
    expect(told).toEqual([...keys, "a"]);
  });

  it("forgets a key whose readers left", () => {
    const runtime = fakeRuntime();
    const told: string[] = [];
    const notifier = createBackgroundNotifier({ ...runtime, notify: (key) => told.push(key) });
    notifier.mark("a");
    notifier.mark("b");
    notifier.forget("a");
    runtime.advance(0);
    expect(told).toEqual(["b"]);
  });
});
