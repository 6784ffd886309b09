import { type SessionSettings, sessionSettingsSchema } from "@/lib/classroom";
import { type SessionLesson, sessionLessonSchema } from "@/lib/lessons";
import { isId } from "@/lib/protocol";
import type { PrismaClient } from "../db/client";

export type OwnedSession = {
  id: string;
  title: string;
  joinCode: string;
  status: "LIVE" | "ENDED";
  isJoinOpen: boolean;
  /** Approval mode: new joins wait on the dashboard's waiting list. */
  isApprovalRequired: boolean;
  settings: SessionSettings;
  /** The teacher's notes on the session (the review page). */
  notes: string;
  createdAt: Date;
  endedAt: Date | null;
  /** The lesson the session was launched from, as it was at launch; null without one. */
  lesson: SessionLesson | null;
};

/**
 * The session when `teacherId` owns it, else null — the same answer for "missing" and "someone
 * else's", so a teacher cannot probe for other classes (pages answer 404 either way).
 */
export async function findOwnedSession(
  db: PrismaClient,
  teacherId: string,
  sessionId: string,
): Promise<OwnedSession | null> {
  if (!isId(sessionId)) return null;
  const session = await db.classSession.findFirst({
    where: { id: sessionId, teacherId },
    select: {
      id: true,
      title: true,
      joinCode: true,
      status: true,
      isJoinOpen: true,
      isApprovalRequired: true,
      settings: true,
      notes: true,
      createdAt: true,
      endedAt: true,
      lessonSnapshot: true,
    },
  });
  if (!session) return null;
  const { lessonSnapshot, ...rest } = session;
  return {
    ...rest,
    settings: sessionSettingsSchema.parse(session.settings),
    lesson: lessonSnapshot === null ? null : (sessionLessonSchema.safeParse(lessonSnapshot).data ?? null),
  };
}
