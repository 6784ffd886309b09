import { defaultSessionSettings } from "@/lib/classroom";
import { type LessonContent, STEP_KIND } from "@/lib/lessons";
import type { PrismaClient } from "../db/client";
import { insertLesson } from "./lesson-rows";

/** A new lesson starts with one training step at the class defaults, ready to edit. */
function blankLesson(): LessonContent {
  return {
    title: "Untitled lesson",
    summary: "",
    steps: [
      {
        kind: STEP_KIND.training,
        title: "Free training",
        prompt: "Press Train and watch the decision map and the loss curve.",
        lookFor: "",
        discussion: "",
        settings: defaultSessionSettings(),
      },
    ],
  };
}

/**
 * Creates an empty lesson (one training step) for the teacher to edit. Throws AppError FORBIDDEN
 * at the per-teacher limit. Returns its id.
 *
 * @example const { id } = await createLesson(db, teacher.id);
 */
export async function createLesson(db: PrismaClient, teacherId: string): Promise<{ id: string }> {
  return { id: await insertLesson(db, teacherId, blankLesson(), null) };
}
