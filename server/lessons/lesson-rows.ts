/**
 * A lesson's steps as LessonStep rows and back. Rows are written only from parsed content and
 * read back through the same schema, so a settings field added later gets its default.
 */
import { type LessonContent, type LessonStep, lessonStepSchema, STEP_KIND } from "@/lib/lessons";
import { LessonStepKind, type Prisma, type PrismaClient } from "../db/client";
import { AppError } from "../errors";

/** The columns a step is rebuilt from. */
export const LESSON_STEP_SELECT = {
  position: true,
  kind: true,
  title: true,
  prompt: true,
  lookFor: true,
  discussion: true,
  settings: true,
  cell: true,
} as const;
type StepRow = Prisma.LessonStepGetPayload<{ select: typeof LESSON_STEP_SELECT }>;

/**
 * A teacher may keep this many lessons: far more than a course has, and it bounds what one
 * account can store by clicking "Copy" in a loop.
 */
export const LESSONS_PER_TEACHER_MAX = 200;

/** Row data of each step, in order, for `lessonId`. */
export function stepRows(lessonId: string, steps: readonly LessonStep[]): Prisma.LessonStepCreateManyInput[] {
  return steps.map((step, position) => ({
    lessonId,
    position,
    title: step.title,
    prompt: step.prompt,
    lookFor: step.lookFor,
    discussion: step.discussion,
    ...(step.kind === STEP_KIND.training
      ? { kind: LessonStepKind.TRAINING, settings: step.settings }
      : { kind: LessonStepKind.CELL, cell: step.cell }),
  }));
}

/** The steps of stored rows, ordered by position. Throws if a row no longer parses (never written so). */
export function stepsFromRows(rows: readonly StepRow[]): LessonStep[] {
  return [...rows]
    .sort((a, b) => a.position - b.position)
    .map((row) =>
      lessonStepSchema.parse({
        title: row.title,
        prompt: row.prompt,
        lookFor: row.lookFor,
        discussion: row.discussion,
        ...(row.kind === LessonStepKind.TRAINING
          ? { kind: STEP_KIND.training, settings: row.settings ?? {} }
          : { kind: STEP_KIND.cell, cell: row.cell }),
      }),
    );
}

/**
 * Stores new lesson content for a teacher (a copy or a blank lesson) in one transaction. Throws
 * AppError FORBIDDEN past {@link LESSONS_PER_TEACHER_MAX}. Returns the new lesson's id.
 */
export async function insertLesson(
  db: PrismaClient,
  teacherId: string,
  content: LessonContent,
  copiedFrom: string | null,
): Promise<string> {
  return db.$transaction(async (tx) => {
    const count = await tx.lesson.count({ where: { teacherId } });
    if (count >= LESSONS_PER_TEACHER_MAX) {
      throw new AppError(
        "FORBIDDEN",
        `You have ${LESSONS_PER_TEACHER_MAX} lessons, the most one account keeps: delete one first`,
      );
    }
    const lesson = await tx.lesson.create({
      data: { teacherId, title: content.title, summary: content.summary, copiedFrom },
      select: { id: true },
    });
    await tx.lessonStep.createMany({ data: stepRows(lesson.id, content.steps) });
    return lesson.id;
  });
}
