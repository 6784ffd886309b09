import { LESSON_TITLE_MAX } from "@/lib/lessons";
import type { PrismaClient } from "../db/client";
import { AppError } from "../errors";
import { findLesson } from "./find-lesson";
import { insertLesson } from "./lesson-rows";

const COPY_SUFFIX = " (copy)";

/**
 * Copies a lesson the teacher can see (a built-in one or their own) into a new lesson of theirs,
 * titled "<title> (copy)". Throws AppError NOT_FOUND for a lesson they cannot see, FORBIDDEN at
 * the per-teacher limit. Returns the copy's id.
 *
 * @example const { id } = await copyLesson(db, teacher.id, "stacking-layers");
 */
export async function copyLesson(db: PrismaClient, teacherId: string, sourceId: string): Promise<{ id: string }> {
  const source = await findLesson(db, teacherId, sourceId);
  if (!source) throw new AppError("NOT_FOUND", "No such lesson");
  const title = `${source.content.title.slice(0, LESSON_TITLE_MAX - COPY_SUFFIX.length)}${COPY_SUFFIX}`;
  const id = await insertLesson(db, teacherId, { ...source.content, title }, source.id);
  return { id };
}
