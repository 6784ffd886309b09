import { type TakeawayResponse, takeawayWeightsRequestSchema } from "@/lib/protocol";
import { getAppContext } from "@/server/context";
import { exportOwnRunWeights } from "@/server/participants/export-own-run-weights";
import { readTokenBody } from "../read-token-body";

export const dynamic = "force-dynamic";

/**
 * POST /api/takeaway/weights `{ token, runId }` → the run's weights file (w1, b1, w2, b2,
 * activation, dataset, the Python note), the same as the teacher's export; 404 unless the run is
 * the token's own and has weights.
 */
export async function POST(request: Request): Promise<Response> {
  const body = await readTokenBody(request, takeawayWeightsRequestSchema);
  if (!body.ok) return body.response;
  const weights = await exportOwnRunWeights(getAppContext().db, body.data.token, body.data.runId);
  if (!weights) {
    return Response.json(
      { ok: false, error: { code: "NOT_FOUND", message: "No weights for this run" } } satisfies TakeawayResponse,
      { status: 404, headers: { "cache-control": "no-store" } },
    );
  }
  return new Response(`${JSON.stringify(weights, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": 'attachment; filename="weights.json"',
      "cache-control": "private, no-store",
    },
  });
}
