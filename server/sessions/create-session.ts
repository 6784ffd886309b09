import { randomBytes } from "node:crypto";
import { z } from "zod";
import { generateJoinCode, type SessionSettings, sessionSettingsSchema } from "@/lib/classroom";
import type { SessionLesson } from "@/lib/lessons";
import { storableString } from "@/lib/storable-string";
import type { PrismaClient } from "../db/client";
import { AppError } from "../errors";

/** 31^6 codes: a clash with a live class is already rare; eight tries make failure negligible. */
const JOIN_CODE_ATTEMPTS = 8;
export const SESSION_TITLE_MAX_LENGTH = 120;

export const createSessionSchema = z.object({
  title: storableString({ error: "Title is required" })
    .trim()
    .min(1, { error: "Title is required" })
    .max(SESSION_TITLE_MAX_LENGTH, { error: `Title must be at most ${SESSION_TITLE_MAX_LENGTH} characters` }),
  settings: sessionSettingsSchema,
  /** Approval mode from the start: every join waits on the dashboard's waiting list. */
  isApprovalRequired: z.boolean().default(false),
});
export type CreateSessionInput = z.input<typeof createSessionSchema>;

export type CreatedSession = { id: string; joinCode: string; settings: SessionSettings };

/** The lesson a class runs (from server/lessons, already validated): its source and its snapshot. */
export type SessionLessonStart = { lessonId: string | null; snapshot: SessionLesson };

/**
 * Launches a live class for a teacher with a fresh, unique join code; with `lesson`, the class
 * runs that lesson from its first step (startLessonSession builds it).
 */
export async function createSession(
  db: PrismaClient,
  teacherId: string,
  input: unknown,
  lesson?: SessionLessonStart,
): Promise<CreatedSession> {
  const parsed = createSessionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_INPUT", issue?.message ?? "Invalid session", issue?.path.join("."));
  }
  const { title, settings, isApprovalRequired } = parsed.data;
  for (let attempt = 0; attempt < JOIN_CODE_ATTEMPTS; attempt++) {
    const joinCode = generateJoinCode((count) => randomBytes(count));
    try {
      const session = await db.classSession.create({
        data: {
          teacherId,
          title,
          joinCode,
          settings,
          isApprovalRequired,
          ...(lesson && { lessonId: lesson.lessonId, lessonSnapshot: lesson.snapshot, currentStep: 0 }),
        },
        select: { id: true, joinCode: true },
      });
      return { ...session, settings };
    } catch (error) {
      // The unique index on joinCode decides races; anything else is a real failure.
      if (!(typeof error === "object" && error !== null && "code" in error && error.code === "P2002")) throw error;
    }
  }
  throw new Error(`Could not find a free join code in ${JOIN_CODE_ATTEMPTS} attempts`);
}
