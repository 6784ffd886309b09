/**
 * The student's take-away over HTTP (POST /api/takeaway, POST /api/takeaway/weights): read-only,
 * authorised by the participant token in the body — never in the URL, where it would end up in
 * history, logs and Referer headers.
 */
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

/** The name a take-away download is saved under, and the file its Python note opens: run numbers count from 1. */
export function takeawayWeightsFileName(runNumber: number): string {
  return `weights-run-${runNumber}.json`;
}
