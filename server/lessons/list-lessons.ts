import { BUILT_IN_LESSONS } from "@/lib/lessons";
import type { PrismaClient } from "../db/client";

/** One row of the teacher's lesson list. */
export type LessonListItem = {
  id: string;
  title: string;
  summary: string;
  stepCount: number;
  isBuiltIn: boolean;
  /** Last saved (own lessons); null for built-in ones. */
  updatedAt: Date | null;
};

/**
 * The lessons a teacher can use: the built-in ones first, then their own, most recently saved first.
 *
 * @example const lessons = await listLessons(db, teacher.id);
 */
export async function listLessons(db: PrismaClient, teacherId: string): Promise<LessonListItem[]> {
  const own = await db.lesson.findMany({
    where: { teacherId },
    orderBy: { updatedAt: "desc" },
    select: { id: true, title: true, summary: true, updatedAt: true, _count: { select: { steps: true } } },
  });
  return [
    ...BUILT_IN_LESSONS.map(({ key, content }) => ({
      id: key,
      title: content.title,
      summary: content.summary,
      stepCount: content.steps.length,
      isBuiltIn: true,
      updatedAt: null,
    })),
    ...own.map(({ _count, ...lesson }) => ({ ...lesson, stepCount: _count.steps, isBuiltIn: false })),
  ];
}
