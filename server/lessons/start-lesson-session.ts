import { z } from "zod";
import { type SessionLesson, settingsForStep } from "@/lib/lessons";
import { storableString } from "@/lib/storable-string";
import type { PrismaClient } from "../db/client";
import { AppError } from "../errors";
import { type CreatedSession, createSession } from "../sessions/create-session";
import { findLesson } from "./find-lesson";

const startLessonSessionSchema = z.object({
  title: z.unknown(),
  lessonId: storableString({ error: "Choose a lesson" }).min(1, { error: "Choose a lesson" }),
  isApprovalRequired: z.boolean().optional(),
});

/**
 * Launches a live class from a lesson the teacher can see (built-in or their own): the session
 * keeps a snapshot of the lesson, starts on step 1 with every student held there, and takes step
 * 1's settings (a cell step takes the nearest training step's). Throws AppError INVALID_INPUT
 * (title, lesson) or NOT_FOUND (a lesson they cannot see, field "lessonId").
 *
 * @example const session = await startLessonSession(db, teacher.id, { title: "Period 3", lessonId: "stacking-layers" });
 */
export async function startLessonSession(db: PrismaClient, teacherId: string, input: unknown): Promise<CreatedSession> {
  const parsed = startLessonSessionSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Choose a lesson", "lessonId");
  const lesson = await findLesson(db, teacherId, parsed.data.lessonId);
  if (!lesson) throw new AppError("NOT_FOUND", "No such lesson", "lessonId");
  const snapshot: SessionLesson = { ...lesson.content, builtInKey: lesson.isBuiltIn ? lesson.id : null };
  return createSession(
    db,
    teacherId,
    {
      title: parsed.data.title,
      settings: settingsForStep(snapshot.steps, 0),
      isApprovalRequired: parsed.data.isApprovalRequired,
    },
    { lessonId: lesson.isBuiltIn ? null : lesson.id, snapshot },
  );
}
