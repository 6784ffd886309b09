import { describe, expect, it } from "vitest";
import { restoreChoice } from "../../../lib/classroom/restore-choice";
import { defaultSessionSettings, HYPER_PARAM_KEYS } from "../../../lib/classroom/settings";
import { LAST_RUN_CURVE_POINTS, studentClassStateSchema } from "../../../lib/protocol";
import { trainedFinish } from "../../helpers/trained-run";
import { createTestRoom, mapFilled, progress } from "./fixtures";

describe("session:state carries the student's last run (a reload redraws it)", () => {
  it("after a finish: the run's config, the server's outcome, its curve thinned for the page and its final map", () => {
    const { room, clock } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const started = room.startRun("p1", { choice: { hidden: 32, optimizer: "adam", lr: 0.03, steps: 1500 } });
    if (!started.ok) throw new Error(started.error.code);
    clock.advance(1000);
    room.applyProgress(
      "p1",
      progress(
        started.runId,
        [
          [0, 0.7],
          [10, 0.6],
        ],
        { map: mapFilled(9) },
      ),
    );
    const finish = trainedFinish(started.runId, started.config);
    expect(room.finishRun("p1", finish).ok).toBe(true);
    room.disconnect("p1");

    // Before: a reload got run null once the run had ended, so the page drew nothing and reset the form.
    const again = room.join({ id: "p1", nickname: "Ada" });
    if (!again.ok) throw new Error(again.error.code);
    const lastRun = again.state.lastRun;
    expect(again.state.run).toBeNull();
    expect(lastRun?.runId).toBe(started.runId);
    expect(lastRun?.config).toMatchObject({ hidden: 32, optimizer: "adam", lr: 0.03, steps: 1500 });
    expect(lastRun?.outcome).toBe(
      (finish.accuracy ?? 0) >= started.config.targetAccuracy ? "reachedTarget" : "finished",
    );
    expect(lastRun?.step).toBe(1500);
    expect(lastRun?.map).toEqual(finish.map);
    expect(lastRun?.weights).toEqual(finish.weights);
    expect(lastRun?.curve.length).toBeLessThanOrEqual(LAST_RUN_CURVE_POINTS);
    expect(lastRun?.curve[0]).toEqual(finish.curve[0]);
    expect(lastRun?.curve.at(-1)).toEqual(finish.curve.at(-1));
    // It is valid wire format, and it refills the form with the run's settings.
    expect(studentClassStateSchema.safeParse(again.state).success).toBe(true);
    expect(restoreChoice(again.state.settings, { draft: null, lastRun: lastRun?.config ?? null })).toMatchObject({
      hidden: 32,
      optimizer: "adam",
      lr: 0.03,
    });
  });

  it("is gone after a reset (the teacher wiped the run) and shows a run in progress as running", () => {
    const { room } = createTestRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const started = room.startRun("p1", { choice: {} });
    if (!started.ok) throw new Error(started.error.code);
    room.applyProgress(
      "p1",
      progress(started.runId, [
        [0, 0.7],
        [20, 0.5],
      ]),
    );
    expect(room.snapshotForStudent("p1")?.lastRun).toMatchObject({ outcome: null, step: 20, loss: 0.5 });
    room.control({ type: "resetAll" });
    expect(room.snapshotForStudent("p1")?.lastRun).toBeNull();
  });
});

describe("restoreChoice", () => {
  const settings = defaultSessionSettings();
  const lastRun = { ...settings.defaults, hidden: 32, lr: 0.03 };

  it("takes unsent edits over the last run, the last run over the defaults", () => {
    expect(restoreChoice(settings, { draft: { lr: 0.05 }, lastRun })).toEqual({ ...lastRun, lr: 0.05 });
    expect(restoreChoice(settings, { draft: null, lastRun: null })).toEqual(settings.defaults);
  });

  it("shows a locked key's class value whatever the browser kept", () => {
    const locked = { ...settings, unlocked: HYPER_PARAM_KEYS.filter((key) => key !== "hidden") };
    expect(restoreChoice(locked, { draft: { hidden: 16 }, lastRun }).hidden).toBe(settings.defaults.hidden);
  });
});
