import { describeLessonIssue, type LessonContent, lessonContentSchema } from "@/lib/lessons";
import type { PrismaClient } from "../db/client";
import { AppError } from "../errors";
import { isLessonId } from "./find-lesson";
import { stepRows } from "./lesson-rows";

/**
 * Saves a teacher's edit of their own lesson: title, summary and every step in order, replacing
 * the stored steps in one transaction (a reorder is just a new order). Built-in lessons are not
 * rows, so they cannot be saved. Sessions already launched keep their own snapshot.
 * Throws AppError INVALID_INPUT (with the failing field's path, e.g. "steps.2.prompt") or
 * NOT_FOUND (missing, built-in or another teacher's); nothing is written then.
 *
 * @example const saved = await saveLesson(db, teacher.id, lessonId, { title, summary, steps });
 */
export async function saveLesson(
  db: PrismaClient,
  teacherId: string,
  lessonId: string,
  input: unknown,
): Promise<LessonContent> {
  const parsed = lessonContentSchema.safeParse(input);
  if (!parsed.success) {
    const { message, path } = describeLessonIssue(parsed.error);
    throw new AppError("INVALID_INPUT", message, path);
  }
  const content = parsed.data;
  if (!isLessonId(lessonId)) throw new AppError("NOT_FOUND", "No such lesson");
  await db.$transaction(async (tx) => {
    const updated = await tx.lesson.updateMany({
      where: { id: lessonId, teacherId },
      data: { title: content.title, summary: content.summary, updatedAt: new Date() },
    });
    if (updated.count === 0) throw new AppError("NOT_FOUND", "No such lesson");
    await tx.lessonStep.deleteMany({ where: { lessonId } });
    await tx.lessonStep.createMany({ data: stepRows(lessonId, content.steps) });
  });
  return content;
}
