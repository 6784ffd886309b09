import { findBuiltInLesson, type LessonContent } from "@/lib/lessons";
import { isStorableText } from "@/lib/storable-string";
import type { PrismaClient } from "../db/client";
import { LESSON_STEP_SELECT, stepsFromRows } from "./lesson-rows";

/** Ids are cuids or built-in keys (25 characters or fewer); anything much longer is not looked up. */
export const MAX_LESSON_ID_LENGTH = 64;

/** True for a string that can name a lesson: short, and text PostgreSQL can compare (no NUL). */
export function isLessonId(id: string): boolean {
  return id.length <= MAX_LESSON_ID_LENGTH && isStorableText(id);
}

/** A lesson as the pages show it: built-in (read-only, every teacher's) or the teacher's own. */
export type LessonView = {
  /** A built-in lesson's key, or the stored lesson's id. */
  id: string;
  isBuiltIn: boolean;
  content: LessonContent;
  /** What an own lesson was copied from (a built-in key or a lesson id), else null. */
  copiedFrom: string | null;
  /** When an own lesson was last saved; null for a built-in one. */
  updatedAt: Date | null;
};

/**
 * The lesson `id` names, when `teacherId` may see it: a built-in lesson, or one of their own.
 * Null for a missing lesson and for another teacher's alike, so ids cannot be probed.
 *
 * @example const lesson = await findLesson(db, teacher.id, "stacking-layers");
 */
export async function findLesson(db: PrismaClient, teacherId: string, id: string): Promise<LessonView | null> {
  if (!isLessonId(id)) return null;
  const builtIn = findBuiltInLesson(id);
  if (builtIn) return { id: builtIn.key, isBuiltIn: true, content: builtIn.content, copiedFrom: null, updatedAt: null };
  const lesson = await db.lesson.findFirst({
    where: { id, teacherId },
    select: {
      id: true,
      title: true,
      summary: true,
      copiedFrom: true,
      updatedAt: true,
      steps: { select: LESSON_STEP_SELECT, orderBy: { position: "asc" } },
    },
  });
  if (!lesson) return null;
  const content = { title: lesson.title, summary: lesson.summary, steps: stepsFromRows(lesson.steps) };
  return { id: lesson.id, isBuiltIn: false, content, copiedFrom: lesson.copiedFrom, updatedAt: lesson.updatedAt };
}
