/**
 * The student's take-away over HTTP (POST /api/takeaway, POST /api/takeaway/weights): read-only,
 * authorised by the participant token in the body — never in the URL, where it would end up in
 * history, logs and Referer headers.
 */
import { participantReviewSchema } from "../review/responses";
import { storableString } from "../storable-string";
import { z } from "../zod";
import { idSchema } from "./common";
import { ERROR_CODE } from "./events";
import { participantTokenSchema } from "./handshake";

/** POST /api/takeaway: the student's own runs and cells. */
export const takeawayRequestSchema = z.object({ token: participantTokenSchema });
/** POST /api/takeaway/weights: one of the student's own runs' weights, as a file. */
export const takeawayWeightsRequestSchema = z.object({ token: participantTokenSchema, runId: idSchema });

/** Why a take-away cannot be shown: the token matches no participant (the session was deleted) or was removed. */
export const TAKEAWAY_ERROR = {
  gone: ERROR_CODE.notFound,
  removed: ERROR_CODE.removed,
  invalid: ERROR_CODE.invalidPayload,
} as const;
/** One take-away error code. */
export type TakeawayErrorCode = (typeof TAKEAWAY_ERROR)[keyof typeof TAKEAWAY_ERROR];

/** What a student keeps from a class: their runs and cells, and how to use the weights in Python. */
export const takeawaySchema = z.object({
  session: z.object({
    title: storableString(),
    status: z.enum(["LIVE", "ENDED"]),
    endedAt: storableString().nullable(),
    dataset: storableString(),
    noise: z.number(),
    dataSeed: z.number(),
    targetAccuracy: z.number(),
    /** The lesson the class ran, if any. */
    lessonTitle: storableString().nullable(),
  }),
  /** The same detail the teacher's review shows for this student. */
  detail: participantReviewSchema,
  /** The chapter's §4 helpers for llm/nn.py. */
  chapterPython: storableString(),
  /** Per run id with weights: how to load that run's file (takeawayWeightsFileName) into those helpers. */
  loadNotes: z.record(storableString(), storableString()),
});
/** What a student keeps from a class. */
export type Takeaway = z.output<typeof takeawaySchema>;

/** POST /api/takeaway's answer (also the error answers of POST /api/takeaway/weights). */
export const takeawayResponseSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), takeaway: takeawaySchema }),
  z.object({ ok: z.literal(false), error: z.object({ code: storableString(), message: storableString() }) }),
]);
/** POST /api/takeaway's answer. */
export type TakeawayResponse = z.output<typeof takeawayResponseSchema>;

/** The name a take-away download is saved under, and the file its Python note opens: run numbers count from 1. */
export function takeawayWeightsFileName(runNumber: number): string {
  return `weights-run-${runNumber}.json`;
}
