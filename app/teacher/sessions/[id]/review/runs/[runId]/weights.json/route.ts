import { exportRunWeights } from "@/server/review/export-run-weights";
import { fileSlug, notFoundResponse, PRIVATE_NO_STORE, signedInTeacherContext } from "../../../_lib/route-helpers";

export const dynamic = "force-dynamic";

/** GET …/review/runs/[runId]/weights.json — one run's trained weights in the chapter's shape, with a Python note. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; runId: string }> },
): Promise<Response> {
  const { id, runId } = await params;
  const context = await signedInTeacherContext();
  const weights =
    context && id.length <= 64 && runId.length <= 64
      ? await exportRunWeights(context.db, context.teacherId, id, runId)
      : null;
  if (!weights) return notFoundResponse();
  return new Response(`${JSON.stringify(weights, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="weights-${fileSlug(weights.nickname)}-${fileSlug(weights.runId)}.json"`,
      ...PRIVATE_NO_STORE,
    },
  });
}
