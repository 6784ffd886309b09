/**
 * The lessons that ship with MLP Classroom. They live in code, not in the database: every
 * teacher sees the current version, none can change it (a copy is theirs to edit), and a release
 * improves them without a data migration. A session launched from one keeps a snapshot.
 */
import { type LessonContent, lessonContentSchema } from "./schema";
import { STACKING_LAYERS, STACKING_LAYERS_KEY } from "./stacking-layers";

/** A built-in lesson: its stable key (its id in URLs) and its content. */
export type BuiltInLesson = { key: string; content: LessonContent };

/** Every built-in lesson, parsed once: a mistake in their data fails the first import (and the tests). */
export const BUILT_IN_LESSONS: readonly BuiltInLesson[] = [
  { key: STACKING_LAYERS_KEY, content: lessonContentSchema.parse(STACKING_LAYERS) },
];

/**
 * The built-in lesson with this key, or null. Keys contain a dash and stored lessons' ids (cuids)
 * never do, so one URL segment names either without ambiguity.
 */
export function findBuiltInLesson(key: string): BuiltInLesson | null {
  return BUILT_IN_LESSONS.find((lesson) => lesson.key === key) ?? null;
}
