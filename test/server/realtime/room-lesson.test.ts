/**
 * Lesson pacing inside one room: students start on the class's step with that step's settings,
 * the teacher's pacing moves those outside the range and stops their runs (handed back with their
 * curves), students move within the range only, runs carry their step, and the dashboard gets
 * each student's step and the steps where they reached the target.
 */
import { describe, expect, it } from "vitest";
import { type SessionLesson, STACKING_LAYERS_KEY, settingsForStep } from "../../../lib/lessons";
import { BUILT_IN_LESSONS } from "../../../lib/lessons/built-in";
import { createClassRoom } from "../../../server/realtime/class-room";
import { trainedFinish } from "../../helpers/trained-run";
import { createClock, createIds, progress } from "./fixtures";

const content = BUILT_IN_LESSONS[0]?.content;
if (!content) throw new Error("the built-in lesson is missing");
const LESSON: SessionLesson = { ...content, builtInKey: STACKING_LAYERS_KEY };
const steps = LESSON.steps;

function lessonRoom() {
  const clock = createClock();
  const room = createClassRoom({
    classId: "class_1",
    ownerId: "teacher_1",
    title: "Period 3",
    settings: settingsForStep(steps, 0),
    lesson: LESSON,
    now: clock.now,
    createId: createIds(),
  });
  return { room, clock };
}

function started(room: ReturnType<typeof lessonRoom>["room"], participantId: string) {
  const result = room.startRun(participantId, { choice: {} });
  if (!result.ok) throw new Error(`run refused: ${result.error.code}`);
  return result;
}

describe("class room with a lesson", () => {
  it("puts a newcomer on the class's step, with its title, prompt and settings but not the teacher's notes", () => {
    const { room } = lessonRoom();
    const joined = room.join({ id: "p1", nickname: "Ada" });
    if (!joined.ok) throw new Error("join refused");
    const lesson = joined.state.lesson;
    expect(lesson?.step).toBe(0);
    expect(lesson?.pacing).toEqual({ currentStep: 0, allowedFrom: 0, allowedTo: 0 });
    expect(lesson?.steps[1]).toEqual({
      title: steps[1]?.title,
      prompt: steps[1]?.prompt,
      kind: "training",
      cell: null,
    });
    expect(lesson?.steps[2]).toMatchObject({ kind: "cell", cell: 1 });
    expect(JSON.stringify(lesson)).not.toContain(steps[0]?.lookFor ?? "?");
    expect(joined.state.settings.defaults.hidden).toBe(0);
    expect(joined.state.settings.dataset).toBe("gaussian");
    expect(room.snapshotForTeacher().class.lesson?.steps[0]?.lookFor).toBe(steps[0]?.lookFor);
  });

  it("moves everyone outside the new range, stops their runs with the curves they had, and keeps runs' steps", () => {
    const { room, clock } = lessonRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.join({ id: "p2", nickname: "Grace" });
    const run = started(room, "p1");
    expect(run.lessonStep).toBe(0);
    clock.advance(1000);
    room.applyProgress(
      "p1",
      progress(run.runId, [
        [10, 0.6],
        [20, 0.5],
      ]),
    );

    const moved = room.setPacing({ currentStep: 1, allowedFrom: 1, allowedTo: 1 }, settingsForStep(steps, 1));
    if (!moved.ok) throw new Error("pacing refused");
    expect(moved.effect.movedIds).toEqual(["p1", "p2"]);
    expect(moved.effect.cutShortRuns.map((cut) => [cut.runId, cut.step, cut.curve])).toEqual([
      [
        run.runId,
        20,
        [
          [10, 0.6],
          [20, 0.5],
        ],
      ],
    ]);
    const state = room.snapshotForStudent("p1");
    expect(state?.run).toBeNull();
    expect(state?.lesson?.step).toBe(1);
    expect(state?.settings.dataset).toBe("xor");
    // The next run is trained on step 2 (index 1), with its settings.
    clock.advance(1000);
    const next = started(room, "p1");
    expect(next.lessonStep).toBe(1);
    expect(next.config.dataset).toBe("xor");
  });

  it("lets a student move only within the allowed range, each step with its own settings", () => {
    const { room, clock } = lessonRoom();
    room.join({ id: "p1", nickname: "Ada" });
    const refused = room.moveStudent("p1", 1);
    expect(refused.ok ? null : refused.error.code).toBe("STEP_NOT_ALLOWED");
    expect(refused.ok ? "" : refused.error.message).toBe("Your teacher has the class on step 1");

    room.setPacing({ currentStep: 0, allowedFrom: 0, allowedTo: 5 }, settingsForStep(steps, 0));
    expect(room.snapshotForStudent("p1")?.lesson?.step).toBe(0);
    const plateau = room.moveStudent("p1", 5);
    if (!plateau.ok) throw new Error("move refused");
    expect(plateau.state.lesson?.step).toBe(5);
    expect(plateau.state.settings.defaults).toMatchObject({ hidden: 8, lr: 0.1, steps: 2000 });
    const beyond = room.moveStudent("p1", 6);
    expect(beyond.ok ? null : beyond.error.message).toBe("Your teacher has the class on steps 1–6");
    clock.advance(1000);
    const run = started(room, "p1");
    expect([run.lessonStep, run.config.hidden, run.config.dataset]).toEqual([5, 8, "xor"]);
    // Moving away stops that run too.
    const back = room.moveStudent("p1", 2);
    expect(back.ok && back.effect.cutShortRuns.map((cut) => cut.runId)).toEqual([run.runId]);
  });

  it("shows the dashboard each student's step, and the steps where a run reached the target", () => {
    const { room, clock } = lessonRoom();
    room.join({ id: "p1", nickname: "Ada" });
    room.join({ id: "p2", nickname: "Grace" });
    room.tick();
    const run = started(room, "p1");
    clock.advance(1000);
    // Reached means the server's score of the final weights (a mid-run report of 100 % is not).
    room.applyProgress("p1", progress(run.runId, [[30, 0.1]], { accuracy: 1 }));
    expect(room.snapshotForTeacher().participants.find((tile) => tile.id === "p1")?.reachedSteps).toEqual([]);
    clock.advance(1000);
    expect(room.finishRun("p1", trainedFinish(run.runId, run.config)).ok).toBe(true);
    const frame = room.tick();
    expect(frame?.participants.find((delta) => delta.id === "p1")).toMatchObject({ lessonStep: 0, reachedSteps: [0] });
    room.setPacing({ currentStep: 0, allowedFrom: 0, allowedTo: 2 }, settingsForStep(steps, 0));
    room.moveStudent("p2", 2);
    const tiles = room.snapshotForTeacher().participants;
    expect(tiles.map((tile) => [tile.id, tile.lessonStep, tile.reachedSteps])).toEqual([
      ["p1", 0, [0]],
      ["p2", 2, []],
    ]);
    expect(room.snapshotForTeacher().class.lesson?.pacing).toEqual({ currentStep: 0, allowedFrom: 0, allowedTo: 2 });
  });

  it("a class without a lesson has no steps and refuses lesson moves", () => {
    const clock = createClock();
    const room = createClassRoom({
      classId: "c",
      ownerId: "t",
      title: "Free",
      settings: settingsForStep(steps, 1),
      now: clock.now,
      createId: createIds(),
    });
    const joined = room.join({ id: "p1", nickname: "Ada" });
    expect(joined.ok && joined.state.lesson).toBeNull();
    const move = room.moveStudent("p1", 0);
    expect(move.ok ? null : move.error.code).toBe("STEP_NOT_ALLOWED");
    expect(room.snapshotForTeacher().participants[0]?.lessonStep).toBeNull();
  });
});
