import { describe, expect, it } from "vitest";
import { DEFAULT_N, makeDataset } from "../../../lib/ml/nn";
import {
  applyPointEdit,
  createTrainingLoop,
  editedDataset,
  type PointEdit,
  pointEditsSchema,
} from "../../../lib/training";
import { createFakeTime, xorConfig } from "./helpers";

const base = { xs: new Float64Array([0, 0, 1, 1, -1, 1]), ys: new Float64Array([0, 1, 0]) };

describe("point edits", () => {
  it("adds a point of the given class at the end", () => {
    const next = applyPointEdit(base, base, { op: "add", x: 0.5, y: -1.5, label: 1 });
    expect([...next.xs]).toEqual([0, 0, 1, 1, -1, 1, 0.5, -1.5]);
    expect([...next.ys]).toEqual([0, 1, 0, 1]);
    // The old data is left alone (the page may still draw it).
    expect(base.ys.length).toBe(3);
  });

  it("removes the nearest point, by brute distance, and never the last one", () => {
    const next = applyPointEdit(base, base, { op: "remove", x: 0.9, y: 0.8 });
    expect([...next.xs]).toEqual([0, 0, -1, 1]);
    expect([...next.ys]).toEqual([0, 0]);
    const one = { xs: new Float64Array([0.3, 0.3]), ys: new Float64Array([1]) };
    expect(applyPointEdit(one, one, { op: "remove", x: 0, y: 0 })).toBe(one);
  });

  it("reset brings the class's points back; a log applies in order", () => {
    const log = [
      { op: "add", x: 1, y: -1, label: 0 },
      { op: "remove", x: 0, y: 0.1 },
      { op: "reset" },
      { op: "add", x: 2, y: 2, label: 1 },
    ] as const;
    const data = editedDataset(base, log);
    expect([...data.ys]).toEqual([0, 1, 0, 1]);
    expect([...data.xs].slice(6)).toEqual([2, 2]);
  });

  it("refuses a log whose steps go back, and coordinates off the plot", () => {
    expect(
      pointEditsSchema.safeParse([
        { op: "reset", step: 5 },
        { op: "reset", step: 4 },
      ]).success,
    ).toBe(false);
    expect(pointEditsSchema.safeParse([{ op: "add", x: 2.5, y: 0, label: 1, step: 1 }]).success).toBe(false);
    expect(pointEditsSchema.safeParse([{ op: "add", x: 1, y: 0, label: 1, step: 1 }]).success).toBe(true);
  });

  it("a reload that replays the edit log at its steps rebuilds exactly the same run", () => {
    const config = xorConfig({ steps: 400 });
    const time = createFakeTime();
    const loop = createTrainingLoop({ config, runId: "r", speed: "max", now: time.now, schedule: time.schedule });
    const first = [
      { op: "add", x: 1.5, y: 1.5, label: 0 },
      { op: "add", x: -1.5, y: -1.5, label: 0 },
    ] as const;
    loop.driver.advance({ maxSteps: 37 });
    for (const edit of first) loop.applyEdit(edit);
    loop.driver.advance({ maxSteps: 50 });
    loop.applyEdit({ op: "remove", x: 1.4, y: 1.4 });
    loop.driver.advance({ maxSteps: 13 });
    expect(loop.edits.map((edit) => edit.step)).toEqual([37, 37, 87]);
    expect(loop.driver.data.ys.length).toBe(DEFAULT_N + 1);

    const again = createTrainingLoop({
      config,
      runId: "r",
      speed: "max",
      now: time.now,
      schedule: time.schedule,
      resumeAtStep: 100,
      resumeEdits: loop.edits as PointEdit[],
    });
    expect(again.driver.step).toBe(100);
    expect([...again.driver.net.params]).toEqual([...loop.driver.net.params]);
    expect([...again.driver.data.xs]).toEqual([...loop.driver.data.xs]);
    // And the edits did change the run: a run without them ends elsewhere.
    const plain = createTrainingLoop({ config, runId: "p", speed: "max", now: time.now, schedule: time.schedule });
    plain.driver.advance({ maxSteps: 100 });
    expect([...plain.driver.net.params]).not.toEqual([...loop.driver.net.params]);
    expect(plain.driver.data).toBe(plain.driver.baseData);
    expect(makeDataset("xor", { n: DEFAULT_N, noise: config.noise, seed: config.dataSeed }).ys).toEqual(
      plain.driver.baseData.ys,
    );
  });
});
