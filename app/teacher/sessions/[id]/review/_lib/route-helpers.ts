import { DATASETS } from "@/lib/classroom/names";
import { LESSON_STEPS_MAX } from "@/lib/lessons";
import type { RunScope } from "@/lib/review/run-scope";
import { z } from "@/lib/zod";
import { getAppContext } from "@/server/context";
import { getSignedInTeacher } from "@/server/http/teacher-auth";

/**
 * Shared by the review's route handlers (exports, detail, replay). A download or fetch cannot be
 * redirected usefully, so signed out, someone else's and missing all answer the same 404: session
 * ids cannot be probed.
 */
export const notFoundResponse = () =>
  new Response("Not found", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

/** The signed-in teacher's id and the database, or null when signed out. */
export async function signedInTeacherContext() {
  const teacher = await getSignedInTeacher();
  return teacher ? { teacherId: teacher.id, db: getAppContext().db } : null;
}

/** A file name part from free text: letters, digits and dashes only, never empty. */
export function fileSlug(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/[\s_]+/g, "-")
    .toLowerCase()
    .slice(0, 60);
  return slug || "session";
}

/** Private, per-teacher data: never cached by a browser or proxy. */
export const PRIVATE_NO_STORE = { "cache-control": "private, no-store" } as const;

export function jsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), {
    headers: { "content-type": "application/json; charset=utf-8", ...PRIVATE_NO_STORE },
  });
}

/** `?dataset=` on the review's page and routes: one of the core's datasets; anything else means "the default". */
export const reviewDatasetSchema = z.enum(DATASETS);

/** The `dataset` query parameter of a request, validated; null when absent or not a dataset. */
export function datasetParam(request: Request): string | null {
  return reviewDatasetSchema.safeParse(new URL(request.url).searchParams.get("dataset")).data ?? null;
}

/** `?step=` on the review page: a lesson step as pages number it (from 1); anything else means "the default". */
export const reviewStepSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(LESSON_STEPS_MAX)
  .transform((step) => step - 1);

/** The `dataset` and `step` query parameters of a detail or replay request: the runs the review page shows. */
export function scopeParams(request: Request): RunScope {
  const step = reviewStepSchema.safeParse(new URL(request.url).searchParams.get("step") ?? undefined);
  return { dataset: datasetParam(request), step: step.success ? step.data : null };
}
