import type { PrismaClient } from "../db/client";
import { AppError } from "../errors";
import { isLessonId } from "./find-lesson";

/**
 * Deletes one of the teacher's own lessons and its steps. Sessions launched from it keep their
 * snapshot (their lessonId becomes null). Throws AppError NOT_FOUND for a built-in lesson, a
 * missing one or another teacher's.
 *
 * @example await deleteLesson(db, teacher.id, lessonId);
 */
export async function deleteLesson(db: PrismaClient, teacherId: string, lessonId: string): Promise<void> {
  const deleted = !isLessonId(lessonId)
    ? { count: 0 }
    : await db.lesson.deleteMany({ where: { id: lessonId, teacherId } });
  if (deleted.count === 0) throw new AppError("NOT_FOUND", "No such lesson");
}
