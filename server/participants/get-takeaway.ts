import { z } from "zod";
import { sessionSettingsSchema } from "@/lib/classroom";
import { sessionLessonSchema } from "@/lib/lessons";
import { TAKEAWAY_ERROR, takeawayWeightsFileName } from "@/lib/protocol";
import { storableString } from "@/lib/storable-string";
import { hashToken } from "../auth/tokens";
import type { PrismaClient } from "../db/client";
import { loadParticipantDetail, type ParticipantReview } from "../review/get-participant-review";
import { CHAPTER_NN_PY, pythonLoadNote } from "../review/python-note";

const weightsActivationSchema = z.object({ activation: storableString() }).loose();

/** What a student keeps from a class: their runs and cells, and how to use the weights in Python. */
export type Takeaway = {
  session: {
    title: string;
    status: "LIVE" | "ENDED";
    endedAt: string | null;
    dataset: string;
    noise: number;
    dataSeed: number;
    targetAccuracy: number;
    /** The lesson the class ran, if any. */
    lessonTitle: string | null;
  };
  /** The same detail the teacher's review shows for this student. */
  detail: ParticipantReview;
  /** The chapter's §4 helpers for llm/nn.py. */
  chapterPython: string;
  /** Per run id with weights: how to load that run's file (takeawayWeightsFileName) into those helpers. */
  loadNotes: Record<string, string>;
};

/** The take-away, or why not. */
export type TakeawayResult =
  | { ok: true; takeaway: Takeaway }
  | { ok: false; code: typeof TAKEAWAY_ERROR.gone | typeof TAKEAWAY_ERROR.removed };

/**
 * A student's take-away, found by their participant token: read-only, during the class or after
 * it ends. A token that matches nothing means the session is gone — the teacher deleted it, and
 * every participant with it (tokens are 256 random bits: nobody guesses one); a removed student
 * gets REMOVED. Expects a well-formed token (the route validates it).
 *
 * @example const result = await getTakeaway(db, token);
 */
export async function getTakeaway(db: PrismaClient, token: string): Promise<TakeawayResult> {
  const participant = await db.participant.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      removedAt: true,
      classSession: { select: { title: true, status: true, endedAt: true, settings: true, lessonSnapshot: true } },
      runs: { select: { id: true, weights: true } },
    },
  });
  if (!participant) return { ok: false, code: TAKEAWAY_ERROR.gone };
  if (participant.removedAt) return { ok: false, code: TAKEAWAY_ERROR.removed };
  const detail = await loadParticipantDetail(db, { id: participant.id, removedAt: null });
  if (!detail) return { ok: false, code: TAKEAWAY_ERROR.gone };
  const { classSession } = participant;
  const settings = sessionSettingsSchema.parse(classSession.settings);
  const lesson = sessionLessonSchema.safeParse(classSession.lessonSnapshot);
  const loadNotes: Record<string, string> = {};
  for (const [index, { id }] of detail.runs.entries()) {
    const weights = weightsActivationSchema.safeParse(participant.runs.find((run) => run.id === id)?.weights);
    if (weights.success) loadNotes[id] = pythonLoadNote(weights.data.activation, takeawayWeightsFileName(index + 1));
  }
  return {
    ok: true,
    takeaway: {
      session: {
        title: classSession.title,
        status: classSession.status,
        endedAt: classSession.endedAt?.toISOString() ?? null,
        dataset: settings.dataset,
        noise: settings.noise,
        dataSeed: settings.dataSeed,
        targetAccuracy: settings.targetAccuracy,
        lessonTitle: lesson.success ? lesson.data.title : null,
      },
      detail,
      chapterPython: CHAPTER_NN_PY,
      loadNotes,
    },
  };
}
