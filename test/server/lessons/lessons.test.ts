/**
 * Lessons on a real PostgreSQL: the built-in lesson is every teacher's and read-only, a copy is
 * the copier's own to edit (steps added, removed, reordered), others get "no such lesson", and a
 * session launched from a lesson keeps the lesson as it was, on step 1 with step 1's settings.
 */
import { describe, expect, it } from "vitest";
import { defaultSessionSettings } from "@/lib/classroom";
import {
  findBuiltInLesson,
  type LessonContent,
  type LessonStep,
  STACKING_LAYERS_KEY,
  STEP_KIND,
  sessionLessonSchema,
} from "@/lib/lessons";
import { AppError } from "@/server/errors";
import { copyLesson } from "@/server/lessons/copy-lesson";
import { createLesson } from "@/server/lessons/create-lesson";
import { deleteLesson } from "@/server/lessons/delete-lesson";
import { findLesson } from "@/server/lessons/find-lesson";
import { LESSONS_PER_TEACHER_MAX } from "@/server/lessons/lesson-rows";
import { listLessons } from "@/server/lessons/list-lessons";
import { saveLesson } from "@/server/lessons/save-lesson";
import { setLessonPacing } from "@/server/lessons/set-lesson-pacing";
import { startLessonSession } from "@/server/lessons/start-lesson-session";
import { createSession } from "@/server/sessions/create-session";
import { useMigratedDatabase } from "../../helpers/db";

const database = useMigratedDatabase();

let teacherCounter = 0;
async function createTeacher(): Promise<string> {
  const teacher = await database.db.teacher.create({
    data: { email: `lessons-${++teacherCounter}@school.test`, name: "Teacher", passwordHash: "x" },
  });
  return teacher.id;
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const builtIn = findBuiltInLesson(STACKING_LAYERS_KEY)?.content as LessonContent;

describe("built-in and own lessons", () => {
  it("lists the built-in lesson for every teacher, then their own lessons only", async () => {
    const ada = await createTeacher();
    const grace = await createTeacher();
    const { id } = await copyLesson(database.db, ada, STACKING_LAYERS_KEY);
    const adas = await listLessons(database.db, ada);
    expect(adas.map((lesson) => [lesson.id, lesson.isBuiltIn])).toEqual([
      [STACKING_LAYERS_KEY, true],
      [id, false],
    ]);
    expect(adas[1]).toMatchObject({ title: "Stacking layers (copy)", stepCount: builtIn.steps.length });
    expect((await listLessons(database.db, grace)).map((lesson) => lesson.id)).toEqual([STACKING_LAYERS_KEY]);
  });

  it("copies every step of the built-in lesson, settings and notes included", async () => {
    const ada = await createTeacher();
    const { id } = await copyLesson(database.db, ada, STACKING_LAYERS_KEY);
    const copy = await findLesson(database.db, ada, id);
    expect(copy).toMatchObject({ isBuiltIn: false, copiedFrom: STACKING_LAYERS_KEY });
    expect(copy?.content).toEqual({ ...builtIn, title: "Stacking layers (copy)" });
  });

  it("hides a teacher's lesson from every other teacher: find, copy, save and delete all say 'no such lesson'", async () => {
    const ada = await createTeacher();
    const grace = await createTeacher();
    const { id } = await copyLesson(database.db, ada, STACKING_LAYERS_KEY);
    expect(await findLesson(database.db, grace, id)).toBeNull();
    expect((await appError(copyLesson(database.db, grace, id))).code).toBe("NOT_FOUND");
    expect((await appError(saveLesson(database.db, grace, id, builtIn))).code).toBe("NOT_FOUND");
    expect((await appError(deleteLesson(database.db, grace, id))).code).toBe("NOT_FOUND");
    expect((await findLesson(database.db, ada, id))?.content.title).toBe("Stacking layers (copy)");
  });

  it("keeps the built-in lesson read-only: saving or deleting it is 'no such lesson'", async () => {
    const ada = await createTeacher();
    expect((await appError(saveLesson(database.db, ada, STACKING_LAYERS_KEY, builtIn))).code).toBe("NOT_FOUND");
    expect((await appError(deleteLesson(database.db, ada, STACKING_LAYERS_KEY))).code).toBe("NOT_FOUND");
    expect((await findLesson(database.db, ada, STACKING_LAYERS_KEY))?.content).toEqual(builtIn);
  });

  it("saves an edit: steps reordered, one removed, one added, settings and locks changed", async () => {
    const ada = await createTeacher();
    const { id } = await copyLesson(database.db, ada, STACKING_LAYERS_KEY);
    const [first, second, third] = builtIn.steps as [LessonStep, LessonStep, LessonStep];
    const added: LessonStep = {
      kind: STEP_KIND.training,
      title: "Circles",
      prompt: "A disc inside a ring.",
      lookFor: "",
      discussion: "Why a curve?",
      settings: { ...defaultSessionSettings(), dataset: "circles", noise: 0.1, unlocked: ["hidden"] },
    };
    const edited = { title: "My lesson", summary: "Shorter", steps: [third, first, added] };
    await saveLesson(database.db, ada, id, edited);
    const saved = await findLesson(database.db, ada, id);
    expect(saved?.content).toEqual(edited);
    expect(saved?.content.steps.map((step) => step.title)).not.toContain(second.title);
  });

  it("refuses an invalid edit with the failing step named, and writes nothing", async () => {
    const ada = await createTeacher();
    const { id } = await copyLesson(database.db, ada, STACKING_LAYERS_KEY);
    const steps = builtIn.steps.map((step, i) => (i === 2 ? { ...step, prompt: "  " } : step));
    const error = await appError(saveLesson(database.db, ada, id, { ...builtIn, title: "Changed", steps }));
    expect(error).toMatchObject({
      code: "INVALID_INPUT",
      message: "Step 3: Prompt is required",
      field: "steps.2.prompt",
    });
    const emptied = await appError(saveLesson(database.db, ada, id, { ...builtIn, steps: [] }));
    expect(emptied.code).toBe("INVALID_INPUT");
    expect((await findLesson(database.db, ada, id))?.content.title).toBe("Stacking layers (copy)");
  });

  it("creates a blank lesson with one training step, and deletes a lesson with its steps", async () => {
    const ada = await createTeacher();
    const { id } = await createLesson(database.db, ada);
    expect((await findLesson(database.db, ada, id))?.content.steps).toHaveLength(1);
    await deleteLesson(database.db, ada, id);
    expect(await findLesson(database.db, ada, id)).toBeNull();
    expect(await database.db.lessonStep.count({ where: { lessonId: id } })).toBe(0);
  });

  it(`stops at ${LESSONS_PER_TEACHER_MAX} lessons per teacher`, async () => {
    const ada = await createTeacher();
    const { id } = await createLesson(database.db, ada);
    const rows = Array.from({ length: LESSONS_PER_TEACHER_MAX - 1 }, (_, i) => ({ teacherId: ada, title: `L${i}` }));
    await database.db.lesson.createMany({ data: rows });
    expect((await appError(copyLesson(database.db, ada, id))).code).toBe("FORBIDDEN");
    expect(await database.db.lesson.count({ where: { teacherId: ada } })).toBe(LESSONS_PER_TEACHER_MAX);
  });
});

describe("startLessonSession", () => {
  it("launches from the built-in lesson on step 1, with step 1's settings and a snapshot of the lesson", async () => {
    const ada = await createTeacher();
    const created = await startLessonSession(database.db, ada, { title: "Period 3", lessonId: STACKING_LAYERS_KEY });
    const row = await database.db.classSession.findUniqueOrThrow({ where: { id: created.id } });
    const first = builtIn.steps[0];
    expect(first?.kind).toBe(STEP_KIND.training);
    expect(row.settings).toEqual(first?.kind === STEP_KIND.training ? first.settings : null);
    expect(row).toMatchObject({
      title: "Period 3",
      lessonId: null,
      currentStep: 0,
      allowedStepFrom: 0,
      allowedStepTo: 0,
    });
    expect(sessionLessonSchema.parse(row.lessonSnapshot)).toEqual({ ...builtIn, builtInKey: STACKING_LAYERS_KEY });
  });

  it("launches from an own lesson, and later edits or deleting it leave the session's snapshot alone", async () => {
    const ada = await createTeacher();
    const { id } = await copyLesson(database.db, ada, STACKING_LAYERS_KEY);
    const created = await startLessonSession(database.db, ada, { title: "Period 4", lessonId: id });
    await saveLesson(database.db, ada, id, {
      ...builtIn,
      title: "Edited for next time",
      steps: builtIn.steps.slice(0, 2),
    });
    const row = await database.db.classSession.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lessonId).toBe(id);
    const snapshot = sessionLessonSchema.parse(row.lessonSnapshot);
    expect(snapshot).toMatchObject({ title: "Stacking layers (copy)", builtInKey: null });
    expect(snapshot.steps).toHaveLength(builtIn.steps.length);
    await deleteLesson(database.db, ada, id);
    const after = await database.db.classSession.findUniqueOrThrow({ where: { id: created.id } });
    expect(after.lessonId).toBeNull();
    expect(after.lessonSnapshot).toEqual(row.lessonSnapshot);
  });

  it("refuses another teacher's lesson and a missing title, creating nothing", async () => {
    const ada = await createTeacher();
    const grace = await createTeacher();
    const { id } = await copyLesson(database.db, ada, STACKING_LAYERS_KEY);
    expect(await appError(startLessonSession(database.db, grace, { title: "Mine", lessonId: id }))).toMatchObject({
      code: "NOT_FOUND",
      field: "lessonId",
    });
    expect(await appError(startLessonSession(database.db, ada, { title: " ", lessonId: id }))).toMatchObject({
      code: "INVALID_INPUT",
      field: "title",
    });
    expect(await database.db.classSession.count({ where: { teacherId: { in: [ada, grace] } } })).toBe(0);
  });

  it("still launches a session without a lesson, as before", async () => {
    const ada = await createTeacher();
    const created = await createSession(database.db, ada, { title: "Free", settings: defaultSessionSettings() });
    const row = await database.db.classSession.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ lessonId: null, lessonSnapshot: null, currentStep: 0 });
  });
});

describe("setLessonPacing", () => {
  it("stores the step and range, and the current step's settings, before anyone is told", async () => {
    const ada = await createTeacher();
    const created = await startLessonSession(database.db, ada, { title: "Paced", lessonId: STACKING_LAYERS_KEY });
    const sent = await setLessonPacing(database.db, ada, created.id, { type: "sendEveryone", step: 1 });
    expect(sent.pacing).toEqual({ currentStep: 1, allowedFrom: 1, allowedTo: 1 });
    const second = builtIn.steps[1];
    expect(sent.settings).toEqual(second?.kind === STEP_KIND.training ? second.settings : null);
    const free = await setLessonPacing(database.db, ada, created.id, { type: "allowRange", from: 0, to: 4 });
    expect(free.pacing).toEqual({ currentStep: 1, allowedFrom: 0, allowedTo: 4 });
    const row = await database.db.classSession.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ currentStep: 1, allowedStepFrom: 0, allowedStepTo: 4 });
    expect(row.settings).toEqual(free.settings);
  });

  it("refuses another teacher, a class without a lesson, an ended class and a step past the end, changing nothing", async () => {
    const ada = await createTeacher();
    const grace = await createTeacher();
    const lessonClass = await startLessonSession(database.db, ada, { title: "L", lessonId: STACKING_LAYERS_KEY });
    const freeClass = await createSession(database.db, ada, { title: "F", settings: defaultSessionSettings() });
    const send = (step: number) => ({ type: "sendEveryone", step });
    expect((await appError(setLessonPacing(database.db, grace, lessonClass.id, send(1)))).code).toBe("NOT_FOUND");
    expect((await appError(setLessonPacing(database.db, ada, freeClass.id, send(0)))).code).toBe("FORBIDDEN");
    expect((await appError(setLessonPacing(database.db, ada, lessonClass.id, send(99)))).code).toBe("INVALID_INPUT");
    expect((await appError(setLessonPacing(database.db, ada, lessonClass.id, { type: "x" }))).code).toBe(
      "INVALID_INPUT",
    );
    await database.db.classSession.update({ where: { id: lessonClass.id }, data: { status: "ENDED" } });
    expect((await appError(setLessonPacing(database.db, ada, lessonClass.id, send(1)))).code).toBe("FORBIDDEN");
    const row = await database.db.classSession.findUniqueOrThrow({ where: { id: lessonClass.id } });
    expect(row).toMatchObject({ currentStep: 0, allowedStepFrom: 0, allowedStepTo: 0 });
  });
});
