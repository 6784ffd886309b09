import type { SessionSettings } from "@/lib/classroom";
import {
  applyPacing,
  type Pacing,
  pacingCommandSchema,
  type SessionLesson,
  sessionLessonSchema,
  settingsForStep,
} from "@/lib/lessons";
import { ClassStatus, type PrismaClient } from "../db/client";
import { AppError } from "../errors";

/** Reads and compare-and-set writes before giving up on a class whose pacing keeps changing under us. */
const PACING_ATTEMPTS = 3;

/** The class's pacing and settings after a command, as stored. */
export type LessonPacing = { pacing: Pacing; settings: SessionSettings; lesson: SessionLesson };

/**
 * Applies a teacher's pacing command to their live class and stores it before it takes effect (a
 * control is durable before anyone is told): the current step and allowed range, and the class
 * settings of the current step, in one compare-and-set statement. The live class (issue 12's realtime core)
 * calls this, then tells the students. Throws AppError INVALID_INPUT (a bad command, a step the
 * lesson lacks), NOT_FOUND (not the teacher's class) or FORBIDDEN (ended, or launched without a
 * lesson).
 *
 * @example const { pacing, settings } = await setLessonPacing(db, teacherId, classId, { type: "sendEveryone", step: 1 });
 */
export async function setLessonPacing(
  db: PrismaClient,
  teacherId: string,
  classId: string,
  command: unknown,
): Promise<LessonPacing> {
  const parsed = pacingCommandSchema.safeParse(command);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Invalid pacing");
  for (let attempt = 1; ; attempt++) {
    const session = await db.classSession.findFirst({
      where: { id: classId, teacherId },
      select: { status: true, lessonSnapshot: true, currentStep: true, allowedStepFrom: true, allowedStepTo: true },
    });
    if (!session) throw new AppError("NOT_FOUND", "No such class");
    if (session.status !== ClassStatus.LIVE) throw new AppError("FORBIDDEN", "This class has ended");
    const lesson = sessionLessonSchema.safeParse(session.lessonSnapshot);
    if (!lesson.success) throw new AppError("FORBIDDEN", "This class was launched without a lesson");
    const current: Pacing = {
      currentStep: session.currentStep,
      allowedFrom: session.allowedStepFrom,
      allowedTo: session.allowedStepTo,
    };
    const next = applyPacing(current, parsed.data, lesson.data.steps.length);
    if (!next.ok) throw new AppError("INVALID_INPUT", next.message);
    const settings = settingsForStep(lesson.data.steps, next.pacing.currentStep);
    // Compare-and-set on the pacing read above, in one statement: an interactive transaction that
    // throws mid-way left the driver adapter's pooled connection unusable for the next query
    // ("bind message supplies 5 parameters, but prepared statement requires 4").
    const { count } = await db.classSession.updateMany({
      where: {
        id: classId,
        teacherId,
        status: ClassStatus.LIVE,
        currentStep: session.currentStep,
        allowedStepFrom: session.allowedStepFrom,
        allowedStepTo: session.allowedStepTo,
      },
      data: {
        currentStep: next.pacing.currentStep,
        allowedStepFrom: next.pacing.allowedFrom,
        allowedStepTo: next.pacing.allowedTo,
        settings,
      },
    });
    if (count === 1) return { pacing: next.pacing, settings, lesson: lesson.data };
    // Another command (or the class's end) came in between: read again and judge that.
    if (attempt >= PACING_ATTEMPTS) throw new AppError("RATE_LIMITED", "The class changed meanwhile: try again");
  }
}
